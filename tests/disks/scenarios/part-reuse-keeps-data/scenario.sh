# Partitions that match the config (start, size, label, type GUID in another case; or only the label)
# are kept: the table is not rewritten and the filesystem on them, reused, keeps its data.
setup() {
  sgdisk -n 1:2048:+64M -c 1:root -n 2:0:+32M -c 2:var /dev/vdb >/dev/null && udevadm settle
  mkfs.ext4 -q -L root /dev/vdb1 && canary_write /dev/vdb1 ext4
  table_checksum /dev/vdb >"$STATE/before"
}
check() {
  expect "$(canary_read /dev/vdb1)" "canary /dev/vdb1" "canary on partition 1"
  expect "$(table_checksum /dev/vdb)" "$(cat "$STATE/before")" "checksum of the partition table"
  grep -q "keep partition 1 (label root, 64 MiB at sector 2048)" "$LOG" || fail "the log does not say partition 1 was kept"
  grep -q "keep partition 2 (label var" "$LOG" || fail "the log does not say partition 2 was kept"
}
