using Provisioner.Config.Merging;
using Provisioner.Config.Model;
using Provisioner.Engine.Logging;

namespace Provisioner.Engine.Fetching;

/// <summary>
/// Configs the operating system ships or the initramfs drops: <c>base.d/*</c> and
/// <c>base.platform.d/&lt;platform&gt;/*</c> (merged under every user config) and <c>user.ign</c> (used when
/// the kernel command line gives no config). Searched in /run/ignition, /etc/ignition, /usr/lib/ignition
/// (highest priority first; each overridable by Ignition's environment variables).
/// </summary>
public sealed class SystemConfig(Func<string, string?> environment)
{
    public const string UserConfigName = "user.ign";

    public IReadOnlyList<string> Directories { get; } =
    [
        environment("IGNITION_SYSTEM_RUNTIME_CONFIG_DIR") is { Length: > 0 } run ? run : "/run/ignition",
        environment("IGNITION_SYSTEM_LOCAL_CONFIG_DIR") is { Length: > 0 } local ? local : "/etc/ignition",
        environment("IGNITION_SYSTEM_CONFIG_DIR") is { Length: > 0 } system ? system : "/usr/lib/ignition",
    ];

    /// <summary>The first user.ign found, with its path; null when there is none.</summary>
    public (byte[] Data, string Path)? UserConfig()
    {
        foreach (var directory in Directories)
        {
            var path = Path.Combine(directory, UserConfigName);
            if (System.IO.File.Exists(path))
            {
                return (HostFiles.Read(path, "the system user config"), path);
            }
        }
        return null;
    }

    /// <summary>
    /// base.d merged in file-name order, then base.platform.d/<paramref name="platform"/> on top; null when
    /// neither has a fragment. A bad base.d fragment fails the stage; a bad platform layer is only logged
    /// and skipped, as in Ignition.
    /// </summary>
    public Configuration? BaseConfig(string platform, Log log)
    {
        var baseLayer = Layer("base.d", log);
        Configuration? platformLayer = null;
        try
        {
            platformLayer = Layer(Path.Combine("base.platform.d", platform), log);
        }
        catch (StageFailedException e)
        {
            log.Info($"ignoring the platform base configs of {platform}: {e.Message}");
        }
        return (baseLayer, platformLayer) switch
        {
            (null, null) => null,
            (var b, null) => b,
            (null, var p) => p,
            var (b, p) => ConfigMerger.Merge(b!, p!),
        };
    }

    private Configuration? Layer(string subdirectory, Log log)
    {
        // The same file name in several directories: the highest-priority one wins.
        var fragments = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var directory in Directories)
        {
            var dir = Path.Combine(directory, subdirectory);
            if (!System.IO.Directory.Exists(dir))
            {
                continue;
            }
            foreach (var file in System.IO.Directory.EnumerateFiles(dir))
            {
                fragments.TryAdd(Path.GetFileName(file), file);
            }
        }
        Configuration? merged = null;
        foreach (var path in fragments.Values)
        {
            var fragment = ConfigLoader.Parse(HostFiles.Read(path, "the base config"), path, log);
            merged = merged is null ? fragment : ConfigMerger.Merge(merged, fragment);
        }
        return merged;
    }
}
