# Filesystems that match the config (type and label; type and UUID, compared case-insensitively) are kept, data and all.
setup() {
  mkfs.ext4 -q -L keep /dev/vdb && canary_write /dev/vdb ext4
  mkfs.xfs -q -m uuid=6c1e0c0e-59ab-4b8d-9f0e-2d9c1c7a8b10 /dev/vdc && canary_write /dev/vdc xfs
}
check() {
  expect "$(canary_read /dev/vdb)" "canary /dev/vdb" "ext4 canary"
  expect "$(canary_read /dev/vdc)" "canary /dev/vdc" "xfs canary"
  grep -q "keeping the existing ext4" "$LOG" || fail "the log does not say the ext4 was kept"
}
