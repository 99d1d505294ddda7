#!/usr/bin/env bash
# First boot for real: builds an initramfs with our dracut module (src/dracut/30provisioner) and boots
# Debian's kernel with it under QEMU (TCG), the config given as the qemu platform's fw_cfg blob, a root
# disk and a blank data disk. After the guest powers off, the host inspects both images. Then:
#   - a broken config must stop the boot with the failing stage's message on the console;
#   - the same first boot with Debian's Ignition module (30ignition), same kernel, same config, same
#     checks, and the time from the first stage's start to the last stage's end under each.
# Usage: tests/boot/run.sh [PROVISIONER_BINARY]; prints one line per check, ends with "N passed, M failed".
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
passed=0
failed=0
pass() { echo "ok      $1"; passed=$((passed + 1)); }
fail() { echo "FAILED  $1${2:+: $2}"; failed=$((failed + 1)); }
totals() { echo; echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; }
check() { # NAME COMMAND...
  local name=$1 output
  shift
  if output=$("$@" 2>&1); then pass "$name"; else fail "$name" "$(tail -n 3 <<<"$output" | tr '\n' ' ')"; fi
}

work=$(mktemp -d "${TMPDIR:-/tmp}/boot-test.XXXXXX")
# BOOT_TEST_KEEP=1 keeps the images, consoles and initramfs images for a look afterwards.
# BOOT_TEST_JOURNAL=1 prints the boot's journal (monotonic times) on the console as BOOTTEST-JOURNAL lines.
trap 'if [ -n "${BOOT_TEST_KEEP:-}" ]; then echo "kept $work"; else rm -rf "$work"; fi' EXIT

# shellcheck source=tests/boot/lib.sh
source "$here/lib.sh"
if ! boot_setup "${1:-}"; then
  fail "install" "could not install QEMU, the kernel, dracut and ignition, or publish the binary (not root, or no Debian mirror?)"
  totals
  exit 1
fi

# --- what a first boot must leave on the disks, read from the images on the host ---
rootfile() { debugfs -R "cat $2" "$work/$1-root.img" 2>/dev/null; }
data_offset() { echo $(( $(partx -g -o START -n 1 "$work/$1-data.img") * 512 )); }
expect_eq() { [ "$1" = "$2" ] || { echo "expected '$2', got '$1'"; return 1; }; }
verify_first_boot() { # NAME
  local n=$1
  check "$n: the stages ran and the guest powered off" grep -q "HARNESS-EXIT-STATUS: 0" "$work/$n.txt"
  check "$n: data disk has partition 1 labelled DATA" bash -c "sgdisk -i 1 '$work/$n-data.img' | grep -q \"Partition name: 'DATA'\""
  check "$n: ext4 DATA on it" expect_eq "$(blkid -p -O "$(data_offset "$n")" -o value -s TYPE "$work/$n-data.img" 2>/dev/null) $(blkid -p -O "$(data_offset "$n")" -o value -s LABEL "$work/$n-data.img" 2>/dev/null)" "ext4 DATA"
  check "$n: the file in the new filesystem" expect_eq "$(debugfs -R 'cat /hello.txt' "$work/$n-data.img?offset=$(data_offset "$n")" 2>/dev/null)" "hello from the first boot"
  check "$n: /etc/hostname" expect_eq "$(rootfile "$n" /etc/hostname)" "provisioned-by-qemu"
  check "$n: user core in /etc/passwd" bash -c "debugfs -R 'cat /etc/passwd' '$work/$n-root.img' 2>/dev/null | grep -q '^core:x:1000:[0-9]*::/home/core:'"
  check "$n: core is in wheel" bash -c "debugfs -R 'cat /etc/group' '$work/$n-root.img' 2>/dev/null | grep -q '^wheel:x:10:core$'"
  check "$n: core's SSH key" bash -c "debugfs -R 'cat /home/core/.ssh/authorized_keys.d/ignition' '$work/$n-root.img' 2>/dev/null | grep -q 'boot-test'"
  check "$n: hello.service written and enabled by preset" bash -c "debugfs -R 'cat /etc/systemd/system/hello.service' '$work/$n-root.img' 2>/dev/null | grep -q 'Say hello' && debugfs -R 'cat /etc/systemd/system-preset/20-ignition.preset' '$work/$n-root.img' 2>/dev/null | grep -qx 'enable hello.service'"
  check "$n: /var/lib/data is a mount point in the root, unmounted (empty)" bash -c "debugfs -R 'ls -l /var/lib/data' '$work/$n-root.img' 2>/dev/null | grep -q ' \\.\\.\$\\| \\.\$' "
}

echo "== first boot with our dracut module"
initrd ours provisioner || { fail "build our initramfs"; totals; exit 1; }
boot ours ours "$repo/samples/boot/first-boot.ign"
verify_first_boot ours
grep -a '^BOOTTEST-UNIT' "$work/ours.txt" | sed 's/^/   /' || true

echo "== a broken config stops the boot, saying why on the console"
boot broken ours "$repo/samples/boot/broken.ign"
check "broken: the boot did not complete" bash -c "! grep -q 'HARNESS-EXIT-STATUS: 0' '$work/broken.txt'"
check "broken: the console names the file and the hash mismatch" grep -q "file /etc/motd.*do not match verification.hash" "$work/broken.txt"
check "broken: nothing written to the root" bash -c "! debugfs -R 'stat /etc/motd' '$work/broken-root.img' 2>&1 | grep -q 'Inode:'"

echo "== the same first boot with Debian's Ignition module (30ignition)"
if initrd ignition ignition; then
  boot ignition ignition "$repo/samples/boot/first-boot.ign"
  verify_first_boot ignition
  grep -a '^BOOTTEST-UNIT' "$work/ignition.txt" | sed 's/^/   /' || true
  echo "   stages, first start to last end: ours $(stage_span ours) ms, Ignition $(stage_span ignition) ms"
  echo "   initramfs size: ours $(stat -c %s "$work/ours.img") bytes, Ignition's $(stat -c %s "$work/ignition.img") bytes"
  check "our initramfs is no larger than Ignition's" test "$(stat -c %s "$work/ours.img")" -le "$(stat -c %s "$work/ignition.img")"
else
  fail "build Ignition's initramfs"
fi
if [ "$failed" -gt 0 ]; then
  for n in ours broken ignition; do
    [ -e "$work/$n.txt" ] && { echo "--- end of the $n console"; tail -n 25 "$work/$n.txt" | sed 's/^/   | /'; }
  done
fi
totals
