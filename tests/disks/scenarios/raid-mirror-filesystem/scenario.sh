# RAID1 over two partitions (one named by its by-id link) with an ext4 on it, mounted, a file written
# into it, unmounted. The partitions are small so the initial resync is quick under TCG.
STAGES="disks mount files umount"
setup() {
  sgdisk -n 1:0:+48M /dev/vdb >/dev/null
  sgdisk -n 1:0:+48M /dev/vdc >/dev/null
}
check() {
  local detail
  detail=$(mdadm --detail /dev/md/md-data)
  grep -q 'Raid Level : raid1' <<<"$detail" || fail "not raid1: $detail"
  grep -q 'Raid Devices : 2' <<<"$detail" || fail "not 2 raid devices: $detail"
  grep -q '/dev/vdb1' <<<"$detail" && grep -q '/dev/vdc1' <<<"$detail" || fail "members are not vdb1 and vdc1: $detail"
  grep -q 'Name : any:md-data' <<<"$detail" || fail "array name (homehost any): $detail"
  expect "$(tag /dev/md/md-data TYPE)" ext4 "filesystem on the array"
  expect "$(tag /dev/md/md-data LABEL)" mirror "label on the array"
  ! grep -q " $SYSROOT" /proc/mounts || fail "still mounted"
  local mnt
  mnt=$(mktemp -d)
  mount -o ro /dev/md/md-data "$mnt"
  expect "$(cat "$mnt/hello")" "on both disks" "/var/lib/mirror/hello"
  umount "$mnt"
  grep -q '"mdadm" "--create" "md-data" "--force" "--run" "--homehost" "any" "--level" "raid1" "--raid-devices" "2" "/dev/vdb1" "/dev/vdc1"' "$LOG" \
    || fail "mdadm not run with Ignition's arguments"
}
