# wipeVolume replaces a vfat with a LUKS2 volume. Without keyFile.source the key is generated: 8192
# hex characters, kept in the state for the files stage, and it opens the volume.
setup() {
  sgdisk -n 1:0:+64M /dev/vdb >/dev/null && udevadm settle
  mkfs.vfat -n OLD /dev/vdb1 >/dev/null
}
check() {
  expect "$(tag /dev/vdb1 TYPE)" crypto_LUKS "type of /dev/vdb1"
  grep -q '"wipefs" "-a" "/dev/vdb1"' "$LOG" || fail "wipefs not run"
  [ -b /dev/mapper/fresh ] || fail "/dev/mapper/fresh is not open"
  jq -r '.luksPersistKeyFiles.fresh' "$STATE/state" | sed 's/^data:[^,]*;base64,//' | base64 -d >"$STATE/key"
  expect "$(wc -c <"$STATE/key")" 8192 "length of the generated key"
  grep -qE '^[0-9a-f]{8192}$' "$STATE/key" || fail "the generated key is not hex"
  key_opens /dev/vdb1 "$STATE/key" || fail "the generated key does not open the volume"
}
