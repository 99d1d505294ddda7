namespace Provisioner.Engine.Tools;

/// <summary>
/// The programs the stages run, as data: a bare name is looked up on PATH as Ignition does; a distribution
/// or a test swaps one by giving a path.
/// </summary>
public sealed record ToolPaths
{
    public string UserAdd { get; init; } = "useradd";
    public string UserMod { get; init; } = "usermod";
    public string UserDel { get; init; } = "userdel";
    public string GroupAdd { get; init; } = "groupadd";
    public string GroupMod { get; init; } = "groupmod";
    public string GroupDel { get; init; } = "groupdel";
    public string Systemctl { get; init; } = "systemctl";
    public string Setfiles { get; init; } = "setfiles";
    public string IsLiveImage { get; init; } = "is-live-image";

    /// <summary>The distribution's kernel-argument helper (Ignition's contract: append, remove, reboot if changed).</summary>
    public string KargsHelper { get; init; } = "ignition-kargs-helper";

    // The disks, mount and umount stages.
    public string Udevadm { get; init; } = "udevadm";
    public string Blkid { get; init; } = "blkid";
    public string Wipefs { get; init; } = "wipefs";
    public string Sgdisk { get; init; } = "sgdisk";
    public string Partx { get; init; } = "partx";
    public string Mdadm { get; init; } = "mdadm";
    public string Cryptsetup { get; init; } = "cryptsetup";
    public string Clevis { get; init; } = "clevis";
    public string MkfsExt4 { get; init; } = "mkfs.ext4";
    public string MkfsXfs { get; init; } = "mkfs.xfs";
    public string MkfsBtrfs { get; init; } = "mkfs.btrfs";
    public string MkfsFat { get; init; } = "mkfs.fat";
    public string Mkswap { get; init; } = "mkswap";
    public string Mount { get; init; } = "mount";
    public string Umount { get; init; } = "umount";

    // Platforms whose config comes through a hypervisor channel or a kernel module.
    public string Modprobe { get; init; } = "modprobe";
    public string VmwareRpctool { get; init; } = "vmware-rpctool";
    public string VBoxControl { get; init; } = "VBoxControl";
    public string Vmur { get; init; } = "vmur";
    public string Chccwdev { get; init; } = "chccwdev";
    public string CioIgnore { get; init; } = "cio_ignore";
}
