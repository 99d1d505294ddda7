# The disks stage's order end to end: a RAID1 array, a LUKS2 volume on the array, an ext4 in the volume.
# (PBKDF2 options: see FAST_PBKDF in lib.sh.)
setup() {
  sgdisk -n 1:0:+48M /dev/vdb >/dev/null
  sgdisk -n 1:0:+48M /dev/vdc >/dev/null
}
check() {
  grep -q 'Raid Level : raid1' <<<"$(mdadm --detail /dev/md/md-crypt)" || fail "no raid1 array"
  expect "$(tag /dev/md/md-crypt TYPE)" crypto_LUKS "type of the array's contents"
  printf %s stacked >"$STATE/key"
  key_opens /dev/md/md-crypt "$STATE/key" || fail "the key does not open the volume on the array"
  expect "$(tag /dev/mapper/stack TYPE)" ext4 "filesystem in the volume"
  expect "$(tag /dev/mapper/stack LABEL)" top "label in the volume"
}
