# An existing partition that does not match, without wipePartitionEntry (or resize): the stage fails,
# naming the entry and why, before anything is written; table and data stay byte for byte.
EXPECT_FAILURE='$.storage.disks.0.partitions.1: partition 2 on /dev/vdb didn'"'"'t match: size did not match (specified 100 MiB = 204800 sectors, got 65536 sectors = 32 MiB)'
setup() {
  sgdisk -n 1:0:+64M -c 1:keep -n 2:0:+32M -c 2:old /dev/vdb >/dev/null && udevadm settle
  mkfs.ext4 -q /dev/vdb2 && canary_write /dev/vdb2 ext4
  table_checksum /dev/vdb >"$STATE/table"
  checksum /dev/vdb2 >"$STATE/part"
}
check() {
  expect "$(table_checksum /dev/vdb)" "$(cat "$STATE/table")" "checksum of the partition table"
  expect "$(checksum /dev/vdb2)" "$(cat "$STATE/part")" "checksum of /dev/vdb2"
  ! grep -q '"sgdisk" "--delete\|"sgdisk" "--new\|"sgdisk" "--zap' "$LOG" || fail "sgdisk was asked to write"
}
