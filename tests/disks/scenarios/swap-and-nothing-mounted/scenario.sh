# A swap area is made but never mounted, even with a path; the mount stage has nothing to do.
STAGES="disks mount umount"
check() {
  expect "$(tag /dev/vdb TYPE) $(tag /dev/vdb LABEL)" "swap swap0" swap
  [ ! -e "$SYSROOT/swap" ] || fail "a mount point was made for swap"
}
