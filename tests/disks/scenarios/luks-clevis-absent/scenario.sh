# A clevis binding where the clevis tool is not installed: a clear error naming it, before anything is
# written to the device. (Only meaningful while the guest, which runs the host's userland, has no clevis.)
EXPECT_FAILURE='the clevis tool "clevis" is not installed'
setup() {
  ! command -v clevis >/dev/null || fail "clevis is installed here: this scenario tests its absence"
  sgdisk -n 1:0:+64M /dev/vdb >/dev/null
}
check() {
  expect "$(tag /dev/vdb1 TYPE)" "" "type of /dev/vdb1"
  ! grep -q '"luksFormat"' "$LOG" || fail "luksFormat ran"
}
