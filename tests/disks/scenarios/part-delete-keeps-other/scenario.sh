# shouldExist false with wipePartitionEntry deletes partition 2; partition 1 and its data stay, and an
# absent partition that should not exist (3) needs nothing.
setup() {
  sgdisk -n 1:0:+64M -c 1:stays -n 2:0:+32M -c 2:goes /dev/vdb >/dev/null && udevadm settle
  mkfs.ext4 -q /dev/vdb1 && canary_write /dev/vdb1 ext4
}
check() {
  expect "$(partitions /dev/vdb)" "1" "partition numbers"
  [ ! -e /dev/vdb2 ] || fail "/dev/vdb2 still exists"
  [ ! -e /sys/class/block/vdb2 ] || fail "the kernel still has vdb2"
  expect "$(canary_read /dev/vdb1)" "canary /dev/vdb1" "canary on partition 1"
  grep -q "delete partition 2 (label goes, 32 MiB at sector 133120) on /dev/vdb" "$LOG" || fail "no plan line for the deletion"
}
