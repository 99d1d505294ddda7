using Provisioner.Config.Model;

namespace Provisioner.Engine.Stages.Mounts;

/// <summary>The filesystems the mount and umount stages handle: those with a path and a mountable format, shallowest first.</summary>
public static class MountPoints
{
    public static List<(Filesystem Filesystem, int Index)> Of(IReadOnlyList<Filesystem> filesystems) =>
    [
        .. filesystems
            .Select((fs, i) => (fs, i))
            .Where(e => !string.IsNullOrEmpty(e.fs.Path) && e.fs.Format is not (null or "" or "swap" or "none"))
            .OrderBy(e => Depth(e.fs.Path!)),
    ];

    private static int Depth(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries).Length;
}
