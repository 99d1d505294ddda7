# format none: with wipeFilesystem the signatures go; without it, a blank device stays blank.
setup() { mkfs.ext4 -q /dev/vdb; }
check() {
  expect "$(tag /dev/vdb TYPE)" "" "type of /dev/vdb"
  expect "$(tag /dev/vdc TYPE)" "" "type of /dev/vdc"
}
