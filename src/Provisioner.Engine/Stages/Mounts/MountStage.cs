using Provisioner.Config.Model;
using Provisioner.Engine.Logging;
using Provisioner.Engine.Machine;
using Provisioner.Engine.State;
using Provisioner.Engine.Tools;

namespace Provisioner.Engine.Stages.Mounts;

/// <summary>
/// The mount stage: every filesystem with a path is mounted under the root, parents before children, its
/// mount point made where missing (0755, noted in the state); a mount point whose path crosses anything but
/// a directory (a symlink could lead out of the root) is refused. The umount stage undoes it, deepest first.
/// </summary>
public sealed class MountStage(RootedFileSystem fs, ToolRunner runner, ToolPaths tools, Log log, EngineState state)
{
    private const int MountPointMode = 0b111_101_101;
    private readonly BlockDevices devices = new(runner, tools, log);

    public List<StageStep> PlanMount(IReadOnlyList<Filesystem> filesystems) =>
    [
        .. MountPoints.Of(filesystems).Select(e => new StageStep(
            $"mount {e.Filesystem.Device} ({e.Filesystem.Format}) at {e.Filesystem.Path}", $"$.storage.filesystems.{e.Index}",
            () => Mount(e.Filesystem))),
    ];

    public List<StageStep> PlanUmount(IReadOnlyList<Filesystem> filesystems) =>
    [
        .. MountPoints.Of(filesystems).AsEnumerable().Reverse().Select(e => new StageStep(
            $"unmount {e.Filesystem.Path}", $"$.storage.filesystems.{e.Index}", () => Unmount(e.Filesystem))),
    ];

    public void Mount(IReadOnlyList<Filesystem> filesystems) => Run(PlanMount(filesystems), "nothing to mount");

    public void Umount(IReadOnlyList<Filesystem> filesystems) => Run(PlanUmount(filesystems), "nothing to unmount");

    private void Run(List<StageStep> steps, string none)
    {
        if (steps.Count == 0)
        {
            log.Info(none);
        }
        foreach (var step in steps)
        {
            StageSteps.Execute(step, log);
        }
    }

    private void Mount(Filesystem filesystem)
    {
        var path = filesystem.Path!;
        var device = devices.WaitFor(filesystem.Device, $"to mount at {path}");
        MakeMountPoint(path);
        runner.Run(tools.Mount, ["-o", string.Join(',', filesystem.MountOptions), "-t", filesystem.Format!, device, HostPath(path)]);
    }

    private void Unmount(Filesystem filesystem) => runner.Run(tools.Umount, [HostPath(filesystem.Path!)]);

    /// <summary>Creates the missing directories of <paramref name="path"/>, refusing any existing element that is not a directory.</summary>
    private void MakeMountPoint(string path)
    {
        var prefix = "";
        foreach (var name in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            prefix += "/" + name;
            var node = fs.Lstat(prefix);
            if (node is null)
            {
                fs.CreateDirectories(prefix, MountPointMode, 0, 0);
                (state.NotatedDirectories ??= []).Add(prefix.TrimStart('/'));
                continue;
            }
            if (node.Type != NodeType.Directory)
            {
                throw new StageFailedException($"the mount point {path} crosses {prefix}, which is not a directory");
            }
        }
    }

    private string HostPath(string path) => fs.RootPath.TrimEnd('/') + path;
}
