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

    private void Unmount(Filesystem filesystem)
    {
        var target = HostPath(filesystem.Path!);
        // When the mount stage's unit stops at shutdown or before the switch to the real root, systemd may
        // stop the mount unit it made for our mount first: nothing is left to undo then.
        if (!IsMountPoint(target))
        {
            log.Info($"{filesystem.Path} is not mounted (any more): nothing to unmount");
            return;
        }
        runner.Run(tools.Umount, [target]);
    }

    /// <summary>Whether <paramref name="path"/> is a mount point, from the kernel's table (field 5 of mountinfo, octal escapes decoded).</summary>
    private static bool IsMountPoint(string path)
    {
        foreach (var line in System.IO.File.ReadLines("/proc/self/mountinfo"))
        {
            var fields = line.Split(' ');
            if (fields.Length > 4 && Unescape(fields[4]) == path)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>mountinfo writes space, tab, newline and backslash in a path as \ooo (octal).</summary>
    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }
        var text = new System.Text.StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && field.AsSpan(i + 1, 3).IndexOfAnyExcept("01234567") < 0)
            {
                text.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                text.Append(field[i]);
            }
        }
        return text.ToString();
    }

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
