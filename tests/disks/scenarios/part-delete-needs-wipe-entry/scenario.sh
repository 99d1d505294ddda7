# A partition that exists but should not, without wipePartitionEntry, is an error; nothing is written,
# not even the partition 1 the config could have made.
EXPECT_FAILURE='$.storage.disks.0.partitions.1: partition 2 exists on /dev/vdb but is specified as nonexistent and wipePartitionEntry is false'
setup() {
  sgdisk -n 2:0:+32M -c 2:precious /dev/vdb >/dev/null
  table_checksum /dev/vdb >"$STATE/table"
}
check() {
  expect "$(table_checksum /dev/vdb)" "$(cat "$STATE/table")" "checksum of the partition table"
  expect "$(partitions /dev/vdb)" "2" "partition numbers"
}
