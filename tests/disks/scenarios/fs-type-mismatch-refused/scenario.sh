# A btrfs where the config wants ext4, without wipeFilesystem: the stage fails and the partition is
# byte-identical (and so is the partition table).
EXPECT_FAILURE="wipeFilesystem is false"
setup() {
  sgdisk -n 1:0:+128M /dev/vdb >/dev/null && udevadm settle
  mkfs.btrfs -q -L data /dev/vdb1 >/dev/null && canary_write /dev/vdb1 btrfs
  checksum /dev/vdb1 >"$STATE/before"
  sgdisk -p /dev/vdb >"$STATE/table"
}
check() {
  expect "$(checksum /dev/vdb1)" "$(cat "$STATE/before")" "checksum of /dev/vdb1"
  expect "$(sgdisk -p /dev/vdb)" "$(cat "$STATE/table")" "partition table"
  expect "$(canary_read /dev/vdb1)" "canary /dev/vdb1" canary
}
