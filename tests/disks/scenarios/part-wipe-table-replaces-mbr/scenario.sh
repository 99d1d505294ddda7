# wipeTable replaces whatever table is there (here an MBR with two partitions) with a GPT holding only
# the configured partitions.
setup() {
  sgdisk -n 1:0:+32M -n 2:0:+32M /dev/vdb >/dev/null && sgdisk --gpttombr=1:2 /dev/vdb >/dev/null
  udevadm settle
  expect "$(tag /dev/vdb PTTYPE)" dos "table type before"
}
check() {
  expect "$(tag /dev/vdb PTTYPE)" gpt "table type after"
  expect "$(partitions /dev/vdb)" "1" "partition numbers"
  expect "$(part /dev/vdb 1 sectors)" 98304 "sectors of 1"
  expect "$(part /dev/vdb 1 name)" fresh "label of 1"
  [ ! -e /dev/vdb2 ] || fail "/dev/vdb2 still exists"
}
