# The right type with another UUID: refused, nothing changed.
EXPECT_FAILURE="the config says 0b6ee4f2-5a4f-4e8e-9a9d-111111111111"
setup() {
  sgdisk -n 1:0:+64M /dev/vdb >/dev/null && udevadm settle
  mkfs.ext4 -q -U 0b6ee4f2-5a4f-4e8e-9a9d-222222222222 /dev/vdb1
  checksum /dev/vdb1 >"$STATE/before"
}
check() {
  expect "$(checksum /dev/vdb1)" "$(cat "$STATE/before")" "checksum of /dev/vdb1"
}
