# An existing LUKS2 volume the key opens but whose label is not the configured one, without wipeVolume:
# not reused and not formatted either. The stage fails saying why, and the device is byte-identical.
EXPECT_FAILURE='cannot be reused (the label is "other", the config says "vault")'
setup() {
  sgdisk -n 1:0:+64M /dev/vdb >/dev/null && udevadm settle
  printf %s 'the key' >"$STATE/key"
  luks_format /dev/vdb1 "$STATE/key" --label other
  checksum /dev/vdb1 >"$STATE/before"
}
check() {
  expect "$(checksum /dev/vdb1)" "$(cat "$STATE/before")" "checksum of /dev/vdb1"
  [ ! -e /dev/mapper/vault ] || fail "a mapping was opened"
}
