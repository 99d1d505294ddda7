#!/usr/bin/env bash
# Integration tests of the disks, mount, files and umount stages on real block devices. This machine's
# kernel has no GPT scanning on loop devices, no md, no device-mapper and no vfat, so every scenario runs
# in ONE QEMU guest booting Debian's kernel (tests/qemu/run-in-guest.sh) with three blank virtio disks
# (/dev/vda 1 GiB, /dev/vdb and /dev/vdc 512 MiB; also /dev/disk/by-id/virtio-disk1..3). guest.sh resets the disks before
# each scenario, so scenarios are independent; see README.md for how to write one.
# Usage: tests/disks/run.sh [PROVISIONER_BINARY] [SCENARIO_NAME_GLOB]
# Prints one line per scenario and ends with "N passed, M failed"; exits non-zero if any failed.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin=${1:-}
filter=${2:-*}

if ! bash "$repo/tests/qemu/install-deps.sh" >/dev/null; then
  echo "tests/qemu/install-deps.sh failed (not root, or no Debian mirror?)"
  echo "0 passed, 1 failed"
  exit 1
fi
if [ -z "$bin" ]; then
  dotnet publish "$repo/src/Provisioner.Cli" -c Release -r linux-x64 -o "$repo/out" --nologo -v quiet
  bin=$repo/out/provisioner
fi
bin=$(realpath "$bin")

work=$(mktemp -d "${TMPDIR:-/tmp}/disk-tests.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/results"
truncate -s 1G "$work/disk1.img"
for n in 2 3; do truncate -s 512M "$work/disk$n.img"; done

started=$(date +%s)
status=0
"$repo/tests/qemu/run-in-guest.sh" \
  --disk "$work/disk1.img:disk1" --disk "$work/disk2.img:disk2" --disk "$work/disk3.img:disk3" \
  --memory 1536 --results "$work/results" --timeout "${DISK_TESTS_TIMEOUT:-1800}" \
  -- bash "$here/guest.sh" "$bin" "$work/results" "$filter" >"$work/harness.log" 2>&1 || status=$?
ended=$(date +%s)

# The guest's per-scenario lines, as it wrote them to the results share.
touch "$work/results/report"
cat "$work/results/report"
read -r passed failed < <(sed -nE 's/^([0-9]+) passed, ([0-9]+) failed$/\1 \2/p' "$work/results/report" | tail -n 1) || true
if [ "$status" -ne 0 ] && [ -z "${passed:-}" ]; then
  echo "the guest run failed (status $status); the end of its console:"
  tr -d '\r' <"$work/harness.log" | tail -n 40 | sed 's/^/  | /'
fi
echo "disk scenarios: whole guest run $((ended - started)) s"
echo
echo "${passed:-0} passed, $(( ${failed:-0} + ( status != 0 && ${failed:-0} == 0 ? 1 : 0 ) )) failed"
[ "$status" -eq 0 ] && [ "${failed:-1}" -eq 0 ]
