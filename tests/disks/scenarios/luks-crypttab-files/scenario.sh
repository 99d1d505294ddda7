# The whole run with a LUKS volume: its ext4 is mounted under the root and gets a file; the files stage
# appends the volume to /etc/crypttab (0600, after what the config wrote there) and writes its key to
# /etc/luks/secret (0600, directory 0700), then drops the key from the state file.
STAGES="disks mount files umount"
setup() { sgdisk -n 1:0:+64M /dev/vdb >/dev/null; }
check() {
  local uuid
  uuid=$(cryptsetup luksUUID /dev/vdb1)
  expect "$(cat "$SYSROOT/etc/crypttab")" "# existing
secret UUID=$uuid /etc/luks/secret luks,x-initrd.attach" "/etc/crypttab"
  expect "$(stat -c %a "$SYSROOT/etc/crypttab")" 600 "mode of /etc/crypttab"
  expect "$(stat -c %a "$SYSROOT/etc/luks")" 700 "mode of /etc/luks"
  expect "$(stat -c '%a %u:%g' "$SYSROOT/etc/luks/secret")" "600 0:0" "mode and owner of /etc/luks/secret"
  expect "$(cat "$SYSROOT/etc/luks/secret")" "crypttab key" "/etc/luks/secret"
  key_opens /dev/vdb1 "$SYSROOT/etc/luks/secret" || fail "/etc/luks/secret does not open the volume"
  expect "$(jq -c '.luksPersistKeyFiles' "$STATE/state")" null "keys in the state after the files stage"
  ! grep -q " $SYSROOT" /proc/mounts || fail "still mounted"
  local mnt
  mnt=$(mktemp -d)
  mount -o ro /dev/mapper/secret "$mnt"
  expect "$(cat "$mnt/inside")" encrypted "/var/lib/secret/inside"
  umount "$mnt"
}
