# A mismatching partition with wipePartitionEntry is deleted and made anew as configured (where sgdisk
# puts it); partition 1 and its data stay.
setup() {
  sgdisk -n 1:0:+32M -c 1:kept -n 2:0:+32M -c 2:old /dev/vdb >/dev/null && udevadm settle
  mkfs.ext4 -q /dev/vdb1 && canary_write /dev/vdb1 ext4
}
check() {
  expect "$(partitions /dev/vdb)" "1 2" "partition numbers"
  expect "$(part /dev/vdb 2 name)" new "label of 2"
  expect "$(part /dev/vdb 2 sectors)" 131072 "sectors of 2"
  expect "$(part /dev/vdb 2 type)" 0657FD6D-A4AB-43C4-84E5-0933C84B4F4F "type of 2"
  expect "$(cat /sys/class/block/vdb2/size)" 131072 "kernel size of 2"
  expect "$(canary_read /dev/vdb1)" "canary /dev/vdb1" "canary on partition 1"
}
