#!/usr/bin/env bash
# The guest half of selftest.sh: runs inside run-in-guest.sh with two blank disks attached
# (/dev/vda = serial harness-a, /dev/vdb = serial harness-b) and exercises everything the disks
# and mount stages will need: GPT partitions and their device nodes, udev's by-* links, ext4,
# xfs, vfat, btrfs, swap, md RAID1 and LUKS2. One line per check goes to $HARNESS_RESULTS/checks
# ("pass NAME" or "fail NAME: why"); selftest.sh counts them and then checks the images itself.
#
# Layout (MiB):            disk a (1024)                    disk b (512)
#   partition 1            h-ext4   64  ext4 + a file        h-vfat   64  vfat + a file
#   partition 2            h-xfs   320  xfs                  h-btrfs 160  btrfs
#   partition 3            h-raid-a 64  md RAID1 member      h-swap   32  swap
#   partition 4            h-luks   64  LUKS2, ext4 inside   h-raid-b 64  md RAID1 member
set -uo pipefail

results=${HARNESS_RESULTS:?run this through run-in-guest.sh}
checks=$results/checks
logs=$results/logs
mkdir -p "$logs"
: >"$checks"
failures=0

# check NAME COMMAND...: runs the command, its output into logs/NAME, its verdict into checks.
check() {
  local name=$1
  shift
  if "$@" >"$logs/$name" 2>&1; then
    echo "pass $name" | tee -a "$checks"
  else
    failures=$((failures + 1))
    echo "fail $name: $(tail -n 3 "$logs/$name" | tr '\n' ' ')" | tee -a "$checks"
  fi
}

settle() { udevadm settle --timeout=30; }

# The file every file system gets, so the host can read it back from the images.
hello() { echo "hello from the guest, $1"; }

# ------------------------------------------------------------------------------ partitions

partition_disks() {
  sgdisk --zap-all /dev/vda && sgdisk --zap-all /dev/vdb &&
    sgdisk -n 1:0:+64M -t 1:8300 -c 1:h-ext4 \
      -n 2:0:+320M -t 2:8300 -c 2:h-xfs \
      -n 3:0:+64M -t 3:fd00 -c 3:h-raid-a \
      -n 4:0:+64M -t 4:8309 -c 4:h-luks /dev/vda &&
    sgdisk -n 1:0:+64M -t 1:0700 -c 1:h-vfat \
      -n 2:0:+160M -t 2:8300 -c 2:h-btrfs \
      -n 3:0:+32M -t 3:8200 -c 3:h-swap \
      -n 4:0:+64M -t 4:fd00 -c 4:h-raid-b /dev/vdb &&
    settle
}

partition_nodes_exist() {
  local d
  for d in /dev/vda1 /dev/vda2 /dev/vda3 /dev/vda4 /dev/vdb1 /dev/vdb2 /dev/vdb3 /dev/vdb4; do
    [ -b "$d" ] || { echo "$d is not a block device"; return 1; }
  done
  lsblk -o NAME,SIZE,TYPE,PARTLABEL
}

# by-id comes from the serials run-in-guest.sh gave the disks; by-partlabel from the GPT names.
links_exist() {
  local link want
  for link in by-id/virtio-harness-a:vda by-id/virtio-harness-b:vdb \
    by-partlabel/h-ext4:vda1 by-partlabel/h-xfs:vda2 by-partlabel/h-raid-a:vda3 \
    by-partlabel/h-luks:vda4 by-partlabel/h-vfat:vdb1 by-partlabel/h-btrfs:vdb2 \
    by-partlabel/h-swap:vdb3 by-partlabel/h-raid-b:vdb4; do
    want=/dev/${link#*:}
    link=/dev/disk/${link%:*}
    [ "$(readlink -f "$link")" = "$want" ] || { echo "$link does not lead to $want"; return 1; }
  done
  ls -l /dev/disk/by-id /dev/disk/by-partlabel
}

# ------------------------------------------------------------------------------ file systems

# mkfs, mount, write the hello file, unmount: proves the tool and the guest kernel's driver.
mkfs_mount_write() {
  local device=$1 name=$2
  shift 2
  "$@" "$device" && mkdir -p "/mnt/$name" && mount "$device" "/mnt/$name" &&
    hello "$name" >"/mnt/$name/hello.txt" && umount "/mnt/$name" && settle
}

# udev sees the new file system (its watch on the device) and links it by uuid.
uuid_link_exists() {
  local device=$1 uuid
  uuid=$(blkid -o value -s UUID "$device") && [ -n "$uuid" ] &&
    [ "$(readlink -f "/dev/disk/by-uuid/$uuid")" = "$device" ]
}

swap_on_off() {
  mkswap -L h-swap /dev/vdb3 && swapon /dev/vdb3 && grep -q '^/dev/vdb3 ' /proc/swaps &&
    swapoff /dev/vdb3
}

# ------------------------------------------------------------------------------ RAID and LUKS

raid1() {
  # Keep udev's incremental assembly (mdadm -I on every raid member it sees) from re-assembling
  # the array behind our back once it is stopped; the overlay makes this a guest-only change.
  mkdir -p /etc/mdadm && echo 'AUTO -all' >/etc/mdadm/mdadm.conf
  mdadm --create /dev/md/harness --run --level=1 --raid-devices=2 --metadata=1.2 \
    --assume-clean /dev/vda3 /dev/vdb4 </dev/null &&
    settle && grep -A1 '^md' /proc/mdstat && grep -q 'active raid1' /proc/mdstat &&
    mkfs_mount_write /dev/md/harness raid mkfs.ext4 -q -L h-raid &&
    mdadm --stop /dev/md/harness && settle
}

luks() {
  # A throwaway key, kept in the results so the host can check that it opens the keyslot.
  local key=$results/luks.key
  head -c 64 /dev/urandom >"$key"
  # pbkdf2 at its minimum: argon2's memory-hard default takes far too long under TCG.
  cryptsetup luksFormat --batch-mode --type luks2 --pbkdf pbkdf2 --pbkdf-force-iterations 1000 \
    --key-file "$key" /dev/vda4 &&
    cryptsetup open --key-file "$key" /dev/vda4 harness-luks && settle &&
    [ -b /dev/mapper/harness-luks ] &&
    mkfs_mount_write /dev/mapper/harness-luks luks mkfs.ext4 -q -L h-luks-inner &&
    blkid /dev/mapper/harness-luks &&
    cryptsetup close harness-luks && settle && [ ! -e /dev/mapper/harness-luks ]
}

# ------------------------------------------------------------------------------ the run

check partition-disks partition_disks
check partition-nodes partition_nodes_exist
check udev-links links_exist
check ext4 mkfs_mount_write /dev/vda1 ext4 mkfs.ext4 -q -L h-ext4
check by-uuid-link uuid_link_exists /dev/vda1
check xfs mkfs_mount_write /dev/vda2 xfs mkfs.xfs -q -f -L h-xfs
check vfat mkfs_mount_write /dev/vdb1 vfat mkfs.vfat -n H-VFAT
check btrfs mkfs_mount_write /dev/vdb2 btrfs mkfs.btrfs -q -f -L h-btrfs
check swap swap_on_off
check raid1 raid1
check luks luks
blkid >"$results/blkid" 2>&1
lsblk -o NAME,SIZE,TYPE,FSTYPE,LABEL,PARTLABEL >"$results/lsblk" 2>&1
sync
[ "$failures" -eq 0 ]
