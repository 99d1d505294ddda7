# A partition in use (mounted) is not changed: the stage fails before writing anything, not even the new
# partition 2.
EXPECT_FAILURE='$.storage.disks.0.partitions.0: refusing to modify active partition 1 on /dev/vdb'
setup() {
  sgdisk -n 1:0:+32M /dev/vdb >/dev/null && udevadm settle
  mkfs.ext4 -q /dev/vdb1
  mkdir -p "$SYSROOT/busy" && mount /dev/vdb1 "$SYSROOT/busy"
  table_checksum /dev/vdb >"$STATE/table"
}
check() {
  umount "$SYSROOT/busy"
  expect "$(table_checksum /dev/vdb)" "$(cat "$STATE/table")" "checksum of the partition table"
}
