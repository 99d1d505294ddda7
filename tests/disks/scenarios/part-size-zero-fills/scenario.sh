# sizeMiB 0 (and startMiB 0) leave the geometry to sgdisk: the partition starts after the first one and
# fills the disk to its last usable sector; the kernel sees the same.
check() {
  expect "$(partitions /dev/vdc)" "1 2" "partition numbers"
  expect "$(part /dev/vdc 2 start)" 133120 "start of 2"
  expect "$(part /dev/vdc 2 end)" 1048542 "end of 2"
  expect "$(cat /sys/class/block/vdc2/start)" 133120 "kernel start of 2"
  expect "$(cat /sys/class/block/vdc2/size)" $((1048542 - 133120 + 1)) "kernel size of 2"
}
