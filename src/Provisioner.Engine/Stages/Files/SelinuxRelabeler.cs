using System.Text;
using Provisioner.Engine.Machine;
using Provisioner.Engine.Tools;

namespace Provisioner.Engine.Stages.Files;

/// <summary>
/// Collects the paths the stage creates and, at the end, has setfiles label them with the root's policy.
/// Active only where the root has SELinux enabled (/etc/selinux/config with SELINUX other than disabled
/// and a SELINUXTYPE); elsewhere it collects nothing, so a root without SELinux needs no setfiles.
/// </summary>
public sealed class SelinuxRelabeler
{
    private readonly HashSet<string> paths = new(StringComparer.Ordinal);

    private SelinuxRelabeler(string? policy) => Policy = policy;

    /// <summary>The policy name (SELINUXTYPE), or null when relabelling is off.</summary>
    public string? Policy { get; }

    public bool Active => Policy is not null;

    public static SelinuxRelabeler Detect(RootedFileSystem fs)
    {
        if (fs.Stat("/etc/selinux/config") is not { Type: NodeType.File })
        {
            return new SelinuxRelabeler(null);
        }
        string? mode = null;
        string? type = null;
        foreach (var raw in Encoding.UTF8.GetString(fs.ReadFile("/etc/selinux/config")).Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("SELINUX=", StringComparison.Ordinal))
            {
                mode = line[8..].Trim().Trim('"');
            }
            else if (line.StartsWith("SELINUXTYPE=", StringComparison.Ordinal))
            {
                type = line[12..].Trim().Trim('"');
            }
        }
        return new SelinuxRelabeler(mode is null or "disabled" || string.IsNullOrEmpty(type) ? null : type);
    }

    /// <summary>Marks a path (absolute, under the root) for relabelling.</summary>
    public void Mark(string path)
    {
        if (Active)
        {
            paths.Add(path);
        }
    }

    /// <summary>Marks the first component of <paramref name="path"/> that does not exist yet (everything below it is new).</summary>
    public void MarkFirstMissing(RootedFileSystem fs, string path)
    {
        if (!Active)
        {
            return;
        }
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 1; i <= parts.Length; i++)
        {
            var prefix = "/" + string.Join('/', parts, 0, i);
            if (fs.Stat(prefix) is null)
            {
                paths.Add(prefix);
                return;
            }
        }
        paths.Add(path);
    }

    /// <summary>Runs setfiles on the marked paths that exist.</summary>
    public void Relabel(RootedFileSystem fs, ToolRunner runner, ToolPaths tools)
    {
        // setfiles looks the paths up on the host: hand it each one resolved inside the root, so that no link
        // in a config path (an /etc/x pointing at "/") sends it to a host file.
        var existing = paths.Where(p => fs.Lstat(p) is not null).Select(fs.ResolvePath).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (!Active || existing.Count == 0)
        {
            return;
        }
        var root = fs.RootPath.TrimEnd('/');
        var input = Encoding.UTF8.GetBytes(string.Concat(existing.Select(p => root + p + "\0")));
        runner.Run(tools.Setfiles,
            ["-vF0", "-r", fs.RootPath, $"{root}/etc/selinux/{Policy}/contexts/files/file_contexts", "-f", "-"],
            input: input);
    }
}
