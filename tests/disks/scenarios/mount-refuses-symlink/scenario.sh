# A mount point crossing a symlink (which could lead out of the root) is refused; nothing is mounted.
STAGES="disks mount"
EXPECT_FAILURE="which is not a directory"
setup() { mkdir -p /tmp/elsewhere && ln -s /tmp/elsewhere "$SYSROOT/var"; }
check() {
  ! grep -q "/tmp/elsewhere\| $SYSROOT" /proc/mounts || fail "something was mounted"
  [ ! -e /tmp/elsewhere/data ] || fail "a mount point was made outside the root"
}
