#!/bin/bash
# dracut module: Provisioner's first-boot stages in the initramfs, with Ignition's units, order and
# dependencies, so a distribution can swap it for its 30ignition module.
# The binary is taken from $PROVISIONER_BINARY, else from this module's directory ("provisioner").

# Only included when asked for (dracut --add provisioner, or a distribution module that depends on it).
check() {
    return 255
}

depends() {
    echo systemd
}

installkernel() {
    # fw_cfg for the qemu platform; the block, RAID, dm-crypt and filesystem drivers the disks stage may need.
    instmods -c qemu_fw_cfg
    instmods virtio_blk virtio_scsi virtio_pci ext4 xfs btrfs vfat nls_cp437 nls_iso8859-1 md_mod raid0 raid1 raid10 raid456 dm_mod dm_crypt
}

install() {
    local binary=${PROVISIONER_BINARY:-$moddir/provisioner}
    if [[ ! -x $binary ]]; then
        dfatal "provisioner: no binary at $binary (set PROVISIONER_BINARY)"
        return 1
    fi
    inst_simple "$binary" /usr/bin/provisioner

    # The programs the stages run; optional ones only where the host has them (a missing one fails the
    # stage that needs it, naming it).
    inst_multiple basename lsblk mount umount udevadm blkid modprobe
    inst_multiple -o sgdisk partx wipefs mkfs.ext4 mkfs.xfs mkfs.btrfs mkfs.fat mkswap mdadm cryptsetup \
        useradd usermod userdel groupadd groupmod groupdel systemctl setfiles \
        clevis clevis-luks-bind clevis-luks-unlock clevis-encrypt-sss clevis-encrypt-tang clevis-encrypt-tpm2

    inst_script "$moddir/provisioner-kargs-helper" /usr/sbin/ignition-kargs-helper
    inst_script "$moddir/provisioner-generator" "$systemdutildir/system-generators/provisioner-generator"

    local unit
    inst_simple "$moddir/provisioner-complete.target" "$systemdsystemunitdir/provisioner-complete.target"
    for unit in fetch-offline fetch kargs disks mount files remount-sysroot; do
        inst_simple "$moddir/provisioner-$unit.service" "$systemdsystemunitdir/provisioner-$unit.service"
    done
    # Every stage is required by the target the generator pulls in on a first boot.
    mkdir -p "$initdir$systemdsystemunitdir/provisioner-complete.target.requires"
    for unit in fetch-offline fetch kargs disks mount files remount-sysroot; do
        ln_r "$systemdsystemunitdir/provisioner-$unit.service" \
            "$systemdsystemunitdir/provisioner-complete.target.requires/provisioner-$unit.service"
    done
}
