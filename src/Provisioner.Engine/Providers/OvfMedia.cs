using Provisioner.Engine.Logging;
using Provisioner.Engine.Machine;
using Provisioner.Engine.Tools;

namespace Provisioner.Engine.Providers;

/// <summary>
/// Azure's provisioning CD, read as Ignition does: every block device with one of the given file systems
/// (blkid), kept only when the CD-ROM drive says it holds a disc (<c>CDROM_DRIVE_STATUS</c> is
/// <c>CDS_DISC_OK</c>, so a user's disk is never read), mounted read-only; it is the provisioning CD when
/// it holds <c>ovf-env.xml</c>, and the config is its <c>CustomData.bin</c> (absent: no config). Until such
/// a CD appears, the devices are looked at again every second, without limit (Ignition's wait), each device
/// once.
/// </summary>
public sealed class OvfMedia(IReadOnlyList<string> fileSystems)
{
    public const string OvfEnvironment = "ovf-env.xml";
    public const string CustomData = "CustomData.bin";

    internal TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Tests bound the wait; a boot waits for ever, as Ignition.</summary>
    internal TimeSpan Limit { get; init; } = Timeout.InfiniteTimeSpan;

    /// <summary>The devices holding a file system of the type (blkid); tests name directories instead.</summary>
    internal Func<string, Log, IReadOnlyList<string>> Devices { get; init; } = BlkidDevices;

    /// <summary>Whether the device is a CD-ROM drive with a disc in it.</summary>
    internal Func<string, Log, bool> IsCdromWithDisc { get; init; } = DriveHasDisc;

    /// <summary>
    /// Runs the reader on the device's files: the real one mounts it read-only on a temporary directory;
    /// tests pass a directory as the device and read it in place.
    /// </summary>
    internal Func<string, string, Log, Func<string, byte[]>, byte[]> Mounted { get; init; } = MountReadOnly;

    /// <summary>The customData of the first provisioning CD found; waits until one appears.</summary>
    public byte[] Read(Log log)
    {
        var checkedDevices = new HashSet<string>(StringComparer.Ordinal);
        var started = DateTime.UtcNow;
        for (var round = 1; ; round++)
        {
            foreach (var fileSystem in fileSystems)
            {
                foreach (var device in Devices(fileSystem, log))
                {
                    if (!checkedDevices.Add(device) || !IsCdromWithDisc(device, log))
                    {
                        continue;
                    }
                    try
                    {
                        var data = Mounted(device, fileSystem, log, ReadConfigDrive);
                        log.Info($"config has been read from custom data on {device}");
                        return data;
                    }
                    catch (Exception e) when (e is StageFailedException or IOException or UnauthorizedAccessException)
                    {
                        log.Info($"{device} is not the provisioning CD: {e.Message}");
                    }
                }
            }
            if (Limit != Timeout.InfiniteTimeSpan && DateTime.UtcNow - started >= Limit)
            {
                throw new StageFailedException(
                    $"no provisioning CD ({string.Join(" or ", fileSystems)} with {OvfEnvironment}) appeared within {Limit.TotalSeconds:0.#} s");
            }
            if (round == 1 || round % 30 == 0)
            {
                log.Info($"waiting for the provisioning CD ({string.Join(" or ", fileSystems)} with {OvfEnvironment}): check {round}");
            }
            Thread.Sleep(PollInterval);
        }
    }

    /// <summary>The config on a mounted drive: it must hold ovf-env.xml; no CustomData.bin is no config.</summary>
    internal static byte[] ReadConfigDrive(string directory)
    {
        if (!File.Exists(Path.Combine(directory, OvfEnvironment)))
        {
            throw new StageFailedException($"it has no {OvfEnvironment}");
        }
        var path = Path.Combine(directory, CustomData);
        return File.Exists(path) ? File.ReadAllBytes(path) : [];
    }

    private static IReadOnlyList<string> BlkidDevices(string fileSystem, Log log)
    {
        // -c /dev/null: probe the devices now rather than trust a cache from before the CD was attached.
        var result = new ToolRunner(log).Try(new ToolPaths().Blkid, ["-c", "/dev/null", "-t", "TYPE=" + fileSystem, "-o", "device"]);
        if (result.ExitCode == 2)
        {
            return []; // blkid: nothing matched
        }
        if (!result.Succeeded)
        {
            throw new StageFailedException($"failed to list block devices with FSTYPE={fileSystem}: blkid exited with {result.ExitCode}");
        }
        return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static bool DriveHasDisc(string device, Log log)
    {
        var fd = Interop.Open(device, Interop.ORdOnly | Interop.ONonBlock | Interop.OCloExec);
        if (fd < 0)
        {
            log.Info($"failed to open config device {device}: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
            return false;
        }
        try
        {
            var status = Interop.Ioctl(fd, Interop.CdromDriveStatus, 0);
            log.Info($"drive status of {device}: " + status switch
            {
                0 => "no info",
                1 => "no disc",
                2 => "open",
                3 => "not ready",
                Interop.CdsDiscOk => "OK",
                _ => "unknown (not a CD-ROM drive?)",
            });
            return status == Interop.CdsDiscOk;
        }
        finally
        {
            Interop.Close(fd);
        }
    }

    private static byte[] MountReadOnly(string device, string fileSystem, Log log, Func<string, byte[]> read)
    {
        var directory = Directory.CreateTempSubdirectory("provisioner-azure");
        var tools = new ToolPaths();
        var runner = new ToolRunner(log);
        try
        {
            var mount = runner.Try(tools.Mount, ["-t", fileSystem, "-o", "ro", device, directory.FullName]);
            if (!mount.Succeeded)
            {
                throw new StageFailedException($"failed to mount {device} ({fileSystem}): {mount.Stderr.Trim()}");
            }
            try
            {
                return read(directory.FullName);
            }
            finally
            {
                runner.Try(tools.Umount, [directory.FullName]);
            }
        }
        finally
        {
            try
            {
                directory.Delete();
            }
            catch (IOException e)
            {
                log.Warning($"failed to remove {directory.FullName}: {e.Message}");
            }
        }
    }
}
