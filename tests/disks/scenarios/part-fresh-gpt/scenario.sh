# A blank disk gets a GPT with exactly the configured partitions: numbers (with a gap), starts (default:
# the first aligned free sector), sizes in MiB, labels, type GUIDs and GUIDs (given lower-case), and udev's
# by-partlabel and by-partuuid links.
check() {
  expect "$(partitions /dev/vdb)" "1 2 5" "partition numbers"
  expect "$(part /dev/vdb 1 start)" 2048 "start of 1"
  expect "$(part /dev/vdb 1 sectors)" 65536 "sectors of 1"
  expect "$(part /dev/vdb 1 name)" EFI-SYSTEM "label of 1"
  expect "$(part /dev/vdb 1 type)" C12A7328-F81F-11D2-BA4B-00A0C93EC93B "type of 1"
  expect "$(part /dev/vdb 1 guid)" 1B3C6F55-0F4A-4C1E-9A4E-3C1D2E5F6A7B "GUID of 1"
  expect "$(part /dev/vdb 2 start)" 131072 "start of 2"
  expect "$(part /dev/vdb 2 sectors)" 131072 "sectors of 2"
  expect "$(part /dev/vdb 2 type)" 0FC63DAF-8483-4772-8E79-3D69D8477DE4 "type of 2 (sgdisk's default)"
  expect "$(part /dev/vdb 5 start)" 262144 "start of 5"
  expect "$(part /dev/vdb 5 sectors)" 204800 "sectors of 5"
  expect "$(part /dev/vdb 5 name)" data "label of 5"
  expect "$(readlink -f /dev/disk/by-partlabel/EFI-SYSTEM)" /dev/vdb1 "by-partlabel/EFI-SYSTEM"
  expect "$(readlink -f /dev/disk/by-partlabel/boot)" /dev/vdb2 "by-partlabel/boot"
  expect "$(readlink -f /dev/disk/by-partlabel/data)" /dev/vdb5 "by-partlabel/data"
  expect "$(readlink -f /dev/disk/by-partuuid/1b3c6f55-0f4a-4c1e-9a4e-3c1d2e5f6a7b)" /dev/vdb1 "by-partuuid of 1"
  expect "$(cat /sys/class/block/vdb5/size)" 204800 "kernel size of 5"
  grep -q "create partition 2 (label boot, 64 MiB at sector 131072) on /dev/disk/by-id/virtio-disk2" "$LOG" || fail "no plan line for partition 2"
}
