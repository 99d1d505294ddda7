# The whole run: disks, mount (parents first, whatever the config's order), files into the new
# filesystems, umount (children first). Afterwards nothing is mounted and the files are on the devices.
STAGES="disks mount files umount"
check() {
  ! grep -q " $SYSROOT" /proc/mounts || fail "still mounted: $(grep " $SYSROOT" /proc/mounts)"
  local mnt
  mnt=$(mktemp -d)
  mount /dev/vdb "$mnt"
  expect "$(cat "$mnt/hello")" "hello data" "/var/lib/data/hello on the ext4"
  expect "$(stat -c %a "$mnt/cache")" "700" "mode of /var/lib/data/cache"
  [ -d "$mnt/logs" ] || fail "no mount point logs on the ext4"
  umount "$mnt"
  mount /dev/vdc "$mnt"
  expect "$(cat "$mnt/first.log")" "first" "first.log on the xfs"
  umount "$mnt"
  grep -q '"mount" "-o" "noatime" "-t" "ext4"' "$LOG" || fail "ext4 not mounted with noatime"
}
