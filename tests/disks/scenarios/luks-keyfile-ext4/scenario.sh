# A LUKS2 volume on a blank partition with a key file from a data: URL, label, UUID, discard and an open
# option (both persisted in the header by --persistent), then an ext4 inside it, named by its
# /dev/disk/by-id/dm-name link. The options ask for PBKDF2 with 1000 iterations (see FAST_PBKDF in lib.sh).
setup() { sgdisk -n 1:0:+64M /dev/vdb >/dev/null; }
check() {
  local dump
  dump=$(cryptsetup luksDump /dev/vdb1)
  grep -qE '^Version:\s+2$' <<<"$dump" || fail "not LUKS2: $dump"
  grep -qE '^Label:\s+vault$' <<<"$dump" || fail "label: $dump"
  grep -qE '^Flags:\s+allow-discards no-read-workqueue' <<<"$dump" || fail "persistent flags: $(grep Flags <<<"$dump")"
  grep -qE 'PBKDF:\s+pbkdf2' <<<"$dump" || fail "the config's options did not reach luksFormat: $dump"
  expect "$(cryptsetup luksUUID /dev/vdb1)" 6e3a0a3c-6a3b-4c1e-9d3c-2f1e5b6a7c8d "LUKS UUID"
  printf %s 'correct horse battery staple' >"$STATE/key"
  key_opens /dev/vdb1 "$STATE/key" || fail "the key file does not open the volume"
  [ -b /dev/mapper/secret ] || fail "/dev/mapper/secret is not open"
  expect "$(tag /dev/mapper/secret TYPE)" ext4 "filesystem inside the volume"
  expect "$(tag /dev/mapper/secret LABEL)" inside "label inside the volume"
  ! grep -q 'battery' "$LOG" || fail "the key appears in the log"
  grep -q '"luksOpen" "/dev/vdb1" "secret" "--key-file" ".*" "--persistent" "--allow-discards" "--perf-no_read_workqueue"' "$LOG" || fail "luksOpen arguments"
  expect "$(jq -r '.luksPersistKeyFiles.secret' "$STATE/state" | sed 's/^data:[^,]*;base64,//' | base64 -d)" 'correct horse battery staple' "key kept in the state for the files stage"
}
