# The whole run on a partitioned disk: partitions (named in the filesystems by their by-partlabel links,
# which must exist once the disks stage has partitioned), filesystems, mount, files, umount.
STAGES="disks mount files umount"
check() {
  ! grep -q " $SYSROOT" /proc/mounts || fail "still mounted: $(grep " $SYSROOT" /proc/mounts)"
  expect "$(partitions /dev/vda)" "1 2" "partition numbers"
  expect "$(part /dev/vda 2 end)" 2097118 "end of 2 (the last usable sector of 1 GiB)"
  expect "$(tag /dev/vda2 TYPE)" ext4 "filesystem on 2"
  expect "$(tag /dev/vda1 TYPE)" ext4 "filesystem on 1"
  local mnt
  mnt=$(mktemp -d)
  mount /dev/vda2 "$mnt"
  expect "$(cat "$mnt/hello")" "hello partition" "/var/lib/data/hello on partition 2"
  umount "$mnt"
  mount /dev/vda1 "$mnt"
  expect "$(cat "$mnt/note")" "note" "note on partition 1"
  umount "$mnt"
}
