# wipeFilesystem replaces whatever is there (here an xfs with a canary) with a new, empty ext4.
setup() { mkfs.xfs -q /dev/vdb && canary_write /dev/vdb xfs; }
check() {
  expect "$(tag /dev/vdb TYPE) $(tag /dev/vdb LABEL)" "ext4 fresh" filesystem
  expect "$(canary_read /dev/vdb)" "(no canary)" canary
}
