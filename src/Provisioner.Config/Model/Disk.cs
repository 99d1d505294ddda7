namespace Provisioner.Config.Model;

/// <summary>A block device and the partitions it must have.</summary>
public sealed class Disk
{
    public string Device { get; set; } = "";

    public List<Partition> Partitions { get; set; } = [];

    public bool? WipeTable { get; set; }
}
