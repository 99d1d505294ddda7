# Every format with its label and UUID, on partitions made beforehand (one by its by-partlabel link).
setup() {
  sgdisk -n 1:0:+64M -n 2:0:+320M -n 3:0:+128M -n 4:0:+40M -n 5:0:+16M -c 5:sw /dev/vda >/dev/null
}
check() {
  expect "$(tag /dev/vda1 TYPE) $(tag /dev/vda1 LABEL) $(tag /dev/vda1 UUID)" "ext4 e4 3f3a4a6e-1c7c-4d5b-9a57-0c4f7f1e2a01" ext4
  expect "$(tag /dev/vda2 TYPE) $(tag /dev/vda2 LABEL) $(tag /dev/vda2 UUID)" "xfs xf 3f3a4a6e-1c7c-4d5b-9a57-0c4f7f1e2a02" xfs
  expect "$(tag /dev/vda3 TYPE) $(tag /dev/vda3 LABEL) $(tag /dev/vda3 UUID)" "btrfs bt 3f3a4a6e-1c7c-4d5b-9a57-0c4f7f1e2a03" btrfs
  expect "$(tag /dev/vda4 TYPE) $(tag /dev/vda4 LABEL) $(tag /dev/vda4 UUID)" "vfat FAT 12AB-34CD" vfat
  expect "$(tag /dev/vda5 TYPE) $(tag /dev/vda5 LABEL) $(tag /dev/vda5 UUID)" "swap sw 3f3a4a6e-1c7c-4d5b-9a57-0c4f7f1e2a05" swap
}
