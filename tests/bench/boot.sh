#!/usr/bin/env bash
# Benchmark (not a test): the first boot of tests/boot (samples/boot/first-boot.ign on the qemu platform,
# Debian's kernel under QEMU TCG) with our dracut module against Debian's Ignition module, ROUNDS boots
# each, alternating ours and Ignition's so that the host's load falls on both alike. For every boot it
# prints each stage unit's time (from its job's start to the unit becoming active) and the span from the
# first stage's start to the last stage's end; then the medians, and our span over Ignition's.
# A boot whose stages did not all succeed counts as failed and is left out of the medians.
# Usage: tests/bench/boot.sh [PROVISIONER_BINARY] [ROUNDS]   (ROUNDS defaults to 3)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
rounds=${2:-3}
work=$(mktemp -d "${TMPDIR:-/tmp}/boot-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
# shellcheck source=tests/boot/lib.sh
source "$repo/tests/boot/lib.sh"
boot_setup "${1:-}" || { echo "could not install QEMU, the kernel, dracut and ignition, or publish the binary"; exit 1; }
initrd ours provisioner
initrd ignition ignition

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%d\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

: >"$work/ours.spans"; : >"$work/ignition.spans"; : >"$work/ours.stages"; : >"$work/ignition.stages"
for round in $(seq "$rounds"); do
  for who in ours ignition; do
    boot "$who" "$who" "$repo/samples/boot/first-boot.ign"
    if grep -q "HARNESS-EXIT-STATUS: 0" "$work/$who.txt" && ! grep -a '^BOOTTEST-UNIT' "$work/$who.txt" | grep -qv 'result=success'; then
      span=$(stage_span "$who")
      echo "round $round $who: span $span ms; $(stage_times "$who" | tr '\n' ' ' | sed 's/ \([0-9]\)/=\1/g')"
      echo "$span" >>"$work/$who.spans"
      stage_times "$who" >>"$work/$who.stages"
    else
      echo "round $round $who: FAILED (the stages did not all succeed; console tail below)"
      tail -n 5 "$work/$who.txt" | sed 's/^/   | /'
    fi
  done
done

echo
echo "medians over $rounds rounds (ms):"
printf '  %-14s %8s %8s\n' stage ours ignition
for stage in fetch-offline fetch kargs disks mount files; do
  o=$(awk -v s="$stage" '$1 == s { print $2 }' "$work/ours.stages" | median)
  i=$(awk -v s="$stage" '$1 == s { print $2 }' "$work/ignition.stages" | median)
  [ "$o$i" = "--" ] || printf '  %-14s %8s %8s\n' "$stage" "$o" "$i"
done
o=$(median <"$work/ours.spans")
i=$(median <"$work/ignition.spans")
printf '  %-14s %8s %8s\n' span "$o" "$i"
if [ "$o" != - ] && [ "$i" != - ]; then
  awk -v o="$o" -v i="$i" 'BEGIN { printf "ours/Ignition: %.2fx (bar: no slower, <= 1.00x)\n", o / i }'
fi
