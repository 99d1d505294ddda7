# Number 0 (or none) takes the lowest free numbers, in the config's order, after the numbered entries:
# 1 and 3 exist, so a, b and c become 2, 4 and 5; c, without a size, fills the rest of the disk.
setup() {
  sgdisk -n 1:0:+16M -c 1:one -n 3:0:+16M -c 3:three /dev/vdc >/dev/null
}
check() {
  expect "$(partitions /dev/vdc)" "1 2 3 4 5" "partition numbers"
  expect "$(part /dev/vdc 1 name)" one "label of 1 (kept)"
  expect "$(part /dev/vdc 3 name)" three "label of 3 (not in the config, kept)"
  expect "$(part /dev/vdc 2 name)" a "label of 2"
  expect "$(part /dev/vdc 4 name)" b "label of 4"
  expect "$(part /dev/vdc 5 name)" c "label of 5"
  expect "$(part /dev/vdc 2 sectors)" 32768 "sectors of 2"
  expect "$(part /dev/vdc 5 end)" 1048542 "end of 5 (the last usable sector)"
  [ -b /dev/vdc5 ] || fail "no /dev/vdc5"
}
