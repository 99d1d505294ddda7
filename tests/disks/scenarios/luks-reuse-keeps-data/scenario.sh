# An existing LUKS2 volume whose label matches and which the configured key opens, without wipeVolume:
# it is reused (opened, not formatted), so the ext4 inside and its canary survive, UUID unchanged.
setup() {
  sgdisk -n 1:0:+64M /dev/vdb >/dev/null && udevadm settle
  printf %s 'same old key' >"$STATE/key"
  luks_format /dev/vdb1 "$STATE/key" --label old-vault
  cryptsetup open --key-file "$STATE/key" /dev/vdb1 before
  mkfs.ext4 -q -L data /dev/mapper/before
  canary_write /dev/mapper/before ext4
  cryptsetup close before
  cryptsetup luksUUID /dev/vdb1 >"$STATE/uuid"
}
check() {
  expect "$(cryptsetup luksUUID /dev/vdb1)" "$(cat "$STATE/uuid")" "LUKS UUID"
  [ -b /dev/mapper/kept ] || fail "/dev/mapper/kept is not open"
  expect "$(canary_read /dev/mapper/kept)" "canary /dev/mapper/before" canary
  ! grep -q '"luksFormat"' "$LOG" || fail "luksFormat ran on a reusable volume"
  grep -q 'already holds a matching LUKS2 volume' "$LOG" || fail "no reuse message"
}
