# A LUKS1 volume, even one the key opens, is never reused nor formatted without wipeVolume (Ignition
# cannot reuse LUKS1 and will not destroy it): the stage fails and the header is untouched.
EXPECT_FAILURE="is a LUKS1 volume, not LUKS2"
setup() {
  sgdisk -n 1:0:+64M /dev/vdb >/dev/null && udevadm settle
  printf %s legacy >"$STATE/key"
  luks_format /dev/vdb1 "$STATE/key" --type luks1
  checksum /dev/vdb1 >"$STATE/before"
}
check() {
  expect "$(checksum /dev/vdb1)" "$(cat "$STATE/before")" "checksum of /dev/vdb1"
  [ ! -e /dev/mapper/old ] || fail "a mapping was opened"
}
