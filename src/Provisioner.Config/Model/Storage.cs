namespace Provisioner.Config.Model;

/// <summary>Disks, RAID, LUKS, filesystems and the files, directories and links to write.</summary>
public sealed class Storage
{
    public List<Directory> Directories { get; set; } = [];

    public List<Disk> Disks { get; set; } = [];

    public List<File> Files { get; set; } = [];

    public List<Filesystem> Filesystems { get; set; } = [];

    public List<Link> Links { get; set; } = [];

    public List<Luks> Luks { get; set; } = [];

    public List<Raid> Raid { get; set; } = [];
}
