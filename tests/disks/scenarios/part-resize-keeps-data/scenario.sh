# resize: a partition that matches in all but size is recreated with the same number, start, GUIDs and
# label and the new size, so the filesystem on it (reused) keeps its data.
setup() {
  sgdisk -n 1:0:+64M -c 1:grow -u 1:5d8c1c36-3f0e-4a6b-9a4e-0a1b2c3d4e5f /dev/vdb >/dev/null && udevadm settle
  mkfs.ext4 -q /dev/vdb1 && canary_write /dev/vdb1 ext4
}
check() {
  expect "$(part /dev/vdb 1 start)" 2048 "start of 1"
  expect "$(part /dev/vdb 1 sectors)" 262144 "sectors of 1"
  expect "$(part /dev/vdb 1 guid)" 5D8C1C36-3F0E-4A6B-9A4E-0A1B2C3D4E5F "GUID of 1"
  expect "$(part /dev/vdb 1 name)" grow "label of 1"
  expect "$(cat /sys/class/block/vdb1/size)" 262144 "kernel size of 1"
  expect "$(canary_read /dev/vdb1)" "canary /dev/vdb1" "canary on partition 1"
  grep -q "resize partition 1 (label grow, 64 MiB at sector 2048) on /dev/vdb to 128 MiB" "$LOG" || fail "no plan line for the resize"
}
