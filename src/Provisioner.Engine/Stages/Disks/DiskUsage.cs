namespace Provisioner.Engine.Stages.Disks;

/// <summary>
/// Whether a disk or its partitions are in use, as Ignition judges it: mounted (a /proc/mounts source that
/// resolves to the node) or held by another block device (md, dm-crypt, LVM; sysfs holders, not looked at for
/// device-mapper disks, whose partitions hold them). Swap is not looked at, as in Ignition.
/// </summary>
public sealed record DiskUsage(bool DiskInUse, IReadOnlyList<string> ActivePartitions)
{
    public static DiskUsage Of(string node, string? dmName)
    {
        var mounts = MountSources();
        var diskInUse = (dmName is null && Held(node)) || mounts.Contains(node);
        var active = new List<string>();
        foreach (var partition in PartitionNodes(node, dmName))
        {
            if (Held(partition) || mounts.Contains(partition))
            {
                active.Add(partition);
                diskInUse = true;
            }
        }
        return new DiskUsage(diskInUse, active);
    }

    /// <summary>The device-mapper name of a node (multipath), or null.</summary>
    public static string? DmName(string node)
    {
        var file = $"/sys/class/block/{Path.GetFileName(node)}/dm/name";
        return System.IO.File.Exists(file) ? System.IO.File.ReadAllText(file).Trim() : null;
    }

    private static bool Held(string node)
    {
        var holders = $"/sys/class/block/{Path.GetFileName(node)}/holders";
        return Directory.Exists(holders) && Directory.EnumerateFileSystemEntries(holders).Any();
    }

    private static IEnumerable<string> PartitionNodes(string node, string? dmName)
    {
        if (dmName is not null)
        {
            return Directory.Exists("/dev/disk/by-id")
                ? Directory.EnumerateFileSystemEntries("/dev/disk/by-id", $"dm-name-{dmName}p*").Select(RealPath)
                : [];
        }
        var name = Path.GetFileName(node);
        var sys = $"/sys/class/block/{name}";
        return Directory.Exists(sys)
            ? Directory.EnumerateDirectories(sys, name + "*").Select(d => "/dev/" + Path.GetFileName(d))
            : [];
    }

    private static HashSet<string> MountSources()
    {
        var sources = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in System.IO.File.ReadAllLines("/proc/mounts"))
        {
            var source = line.Split(' ')[0].Replace("\\040", " ", StringComparison.Ordinal);
            if (source.StartsWith('/'))
            {
                sources.Add(RealPath(source));
            }
        }
        return sources;
    }

    public static string RealPath(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.LinkTarget is null ? info.FullName : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName;
        }
        catch (IOException)
        {
            return path;
        }
    }
}
