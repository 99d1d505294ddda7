# Without wipeTable, a disk with an MBR is refused (GPT only), and left as it was.
EXPECT_FAILURE='/dev/vdb does not have a GPT (it has a dos partition table)'
setup() {
  sgdisk -n 1:0:+32M /dev/vdb >/dev/null && sgdisk --gpttombr=1 /dev/vdb >/dev/null
  udevadm settle
  table_checksum /dev/vdb >"$STATE/table"
}
check() {
  expect "$(table_checksum /dev/vdb)" "$(cat "$STATE/table")" "checksum of the table area"
  expect "$(tag /dev/vdb PTTYPE)" dos "table type"
}
