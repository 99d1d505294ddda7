# The right type with another label is still a mismatch: refused, nothing changed.
EXPECT_FAILURE='the label is "old", the config says "new"'
setup() {
  sgdisk -n 1:0:+64M /dev/vdb >/dev/null && udevadm settle
  mkfs.ext4 -q -L old /dev/vdb1 && canary_write /dev/vdb1 ext4
  checksum /dev/vdb1 >"$STATE/before"
}
check() {
  expect "$(checksum /dev/vdb1)" "$(cat "$STATE/before")" "checksum of /dev/vdb1"
}
