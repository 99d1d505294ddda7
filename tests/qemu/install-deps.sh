#!/usr/bin/env bash
# Installs, from Debian, what the QEMU guest harness and the disk tests need.
# Idempotent: when every package is already installed it does nothing (no apt-get update).
# Runs as root, non-interactively, and must not hang or start services in a container
# that has no systemd (mdadm, udev and the kernel package all have maintainer scripts).
set -euo pipefail

# One package per line, with why it is here.
packages=(
  qemu-system-x86    # qemu-system-x86_64 (TCG); pulls seabios and the option ROMs
  linux-image-amd64  # the guest kernel (/boot/vmlinuz-V) and its modules (/lib/modules/V)
  busybox-static     # the initramfs userland: sh, mount, insmod, switch_root
  cpio               # packs the initramfs
  kmod               # modprobe/depmod, in the guest (via the host root) and to list module deps
  udev               # systemd-udevd + udevadm in the guest: /dev/disk/by-* links
  util-linux         # blkid, lsblk, mkswap, wipefs, losetup, mount
  gdisk              # sgdisk
  e2fsprogs          # mkfs.ext4, debugfs
  xfsprogs           # mkfs.xfs
  btrfs-progs        # mkfs.btrfs
  dosfstools         # mkfs.vfat
  mdadm              # software RAID
  cryptsetup-bin     # cryptsetup (LUKS) without the initramfs/boot integration
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = installed ] || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

if [ "$(id -u)" != 0 ]; then
  echo "install-deps: missing packages (${missing[*]}) and not root: cannot install" >&2
  exit 1
fi

# Without systemd running, invoke-rc.d would try the SysV scripts (mdadm's monitor, udevd) on the
# host. A policy-rc.d that answers 101 ("action forbidden") stops that; Debian's container images
# usually ship one already, and we remove ours afterwards only if we created it.
policy=/usr/sbin/policy-rc.d
created_policy=
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod 755 "$policy"
  created_policy=1
fi
cleanup() { if [ -n "$created_policy" ]; then rm -f "$policy"; fi; }
trap cleanup EXIT

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# INITRD=No: the kernel's postinst hook then builds no initramfs for it (the harness builds
# its own, and an initramfs-tools run costs a minute under load). Hooks that still call
# update-initramfs find no initrd to update.
export INITRD=No
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
  -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
  "${missing[@]}" </dev/null
echo "install-deps: done"
