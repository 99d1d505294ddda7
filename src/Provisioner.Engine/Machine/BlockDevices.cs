using System.Diagnostics;
using Provisioner.Engine.Logging;
using Provisioner.Engine.Tools;

namespace Provisioner.Engine.Machine;

/// <summary>
/// Block devices as the disks and mount stages meet them: waited for (a config names them by
/// <c>/dev/disk/by-*</c> links that udev makes some time after the kernel sees the disk), resolved to
/// their kernel node, settled after a change, and probed for what is on them (blkid's low-level probe,
/// which reads the device itself, never a cache).
/// </summary>
public sealed class BlockDevices(ToolRunner runner, ToolPaths tools, Log log)
{
    /// <summary>How long a device may take to appear; systemd's default device timeout, which Ignition's wait inherits.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>The key <see cref="Probe"/> sets when the device has several signatures.</summary>
    public const string Ambivalent = "AMBIVALENT";

    /// <summary>Waits until <paramref name="path"/> exists and leads to a block device; its kernel node (e.g. /dev/vdb1).</summary>
    public string WaitFor(string path, string why)
    {
        var clock = Stopwatch.StartNew();
        var logged = false;
        while (true)
        {
            if (Resolve(path) is { } node)
            {
                return node;
            }
            if (clock.Elapsed >= Timeout)
            {
                throw new StageFailedException(
                    $"device {path} ({why}) did not appear within {Timeout.TotalSeconds:0} s; is the disk attached, and does the name match what udev creates?");
            }
            if (!logged && clock.Elapsed >= TimeSpan.FromSeconds(1))
            {
                log.Info($"waiting for device {path} ({why})");
                logged = true;
            }
            Thread.Sleep(Poll);
        }
    }

    /// <summary>The kernel node <paramref name="path"/> leads to when it is a block device, else null.</summary>
    public static string? Resolve(string path)
    {
        try
        {
            var info = new FileInfo(path);
            var target = info.LinkTarget is null ? info.FullName : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
            if (target is null || !System.IO.File.Exists(target))
            {
                return null;
            }
            return IsBlock(target) ? target : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static bool IsBlock(string node)
    {
        // sysfs knows every block device by its kernel name; device-mapper and md nodes included.
        var name = Path.GetFileName(node);
        return Directory.Exists(Path.Combine("/sys/class/block", name));
    }

    /// <summary>Asks udev to process <paramref name="device"/> again and waits until it has (links, by-label, by-uuid).</summary>
    public void Settle(string device) =>
        runner.Run(tools.Udevadm, ["trigger", "--settle", device]);

    /// <summary>What blkid finds on the device itself: TYPE, LABEL, UUID, PTTYPE…; empty when it finds nothing.</summary>
    public Dictionary<string, string> Probe(string device)
    {
        var result = runner.Try(tools.Blkid, ["-p", "-o", "export", device]);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        // Status 2: nothing recognised; 8: more than one signature (Ignition then warns and takes the first
        // it can, which blkid does not offer: callers see Ambivalent). Anything else: the probe itself failed.
        if (result.ExitCode == 2)
        {
            return found;
        }
        if (result.ExitCode == 8)
        {
            log.Warning($"{device} carries more than one signature (blkid: ambivalent result)");
            found[Ambivalent] = "true";
            return found;
        }
        if (!result.Succeeded)
        {
            throw new StageFailedException($"cannot probe {device} with blkid (status {result.ExitCode}): {result.Stderr.Trim()}");
        }
        foreach (var line in result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            // DEVNAME names the device and PART_ENTRY_* its own GPT entry: neither is something on it.
            if (equals > 0 && !line.StartsWith("PART_ENTRY_", StringComparison.Ordinal) && !line.StartsWith("DEVNAME=", StringComparison.Ordinal))
            {
                found[line[..equals]] = line[(equals + 1)..];
            }
        }
        return found;
    }
}
