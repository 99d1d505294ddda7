# An ext4 where the config wants a LUKS volume, without wipeVolume: the stage fails naming what it
# found, and the partition is byte-identical (64 MiB, so the checksum is quick under TCG).
EXPECT_FAILURE="holds ext4 labelled \"precious\""
setup() {
  sgdisk -n 1:0:+64M /dev/vdb >/dev/null && udevadm settle
  mkfs.ext4 -q -L precious /dev/vdb1 && canary_write /dev/vdb1 ext4
  checksum /dev/vdb1 >"$STATE/before"
}
check() {
  grep -qF 'not a LUKS2 volume, and wipeVolume is false: nothing was changed' "$LOG" || fail "message"
  grep -qF '$.storage.luks.0' "$LOG" || fail "the failure does not name the config entry"
  expect "$(checksum /dev/vdb1)" "$(cat "$STATE/before")" "checksum of /dev/vdb1"
  expect "$(canary_read /dev/vdb1)" "canary /dev/vdb1" canary
  [ ! -e /dev/mapper/nope ] || fail "a mapping was opened"
}
