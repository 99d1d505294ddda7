using Provisioner.Engine.Tools;

namespace Provisioner.Engine.Providers;

/// <summary>
/// A config drive: a small disk (iso9660 or vfat) the platform attaches with a known filesystem label.
/// As in Ignition, its /dev/disk/by-label link is polled once a second until it appears (or the caller
/// gives up), the device is mounted read-only with <c>-t auto</c> on a temporary directory, the files are
/// read, and it is unmounted and the directory removed whatever happened.
/// </summary>
public sealed class ConfigDrive(ProviderContext context)
{
    public const string LabelDirectory = "/dev/disk/by-label";

    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Waits until <paramref name="device"/> exists; an <see cref="OperationCanceledException"/> when
    /// <paramref name="cancel"/> fires first (another source won, or the platform's wait is over).
    /// </summary>
    public void WaitFor(string device, CancellationToken cancel)
    {
        var logged = false;
        while (!Path.Exists(device))
        {
            if (!logged)
            {
                context.Log.Info($"config drive {device} not found; waiting for it");
                logged = true;
            }
            if (cancel.WaitHandle.WaitOne(Poll))
            {
                cancel.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>
    /// Waits for the drive labelled <paramref name="label"/> (its link in <paramref name="labelDirectory"/>),
    /// mounts it and reads <paramref name="file"/>; null when the drive has no such file.
    /// </summary>
    public byte[]? WaitAndRead(string labelDirectory, string label, string file, CancellationToken cancel)
    {
        var device = Path.Join(labelDirectory, label);
        WaitFor(device, cancel);
        return Read(device, root => ReadFile(root, file));
    }

    /// <summary><see cref="WaitAndRead"/> as one contestant of a <see cref="SourceRace"/>.</summary>
    public SourceRace.Source Source(string labelDirectory, string label, string file) =>
        new($"config drive ({label})", cancel => WaitAndRead(labelDirectory, label, file, cancel));

    /// <summary>
    /// The first to give <paramref name="file"/>: a config-2 drive (under either case of its label, as Ignition
    /// looks for both) or the metadata service.
    /// </summary>
    public byte[] FirstOfConfigTwoAnd(string labelDirectory, string file, Func<CancellationToken, byte[]> metadataService) =>
        SourceRace.FirstOf(context.Log,
        [
            Source(labelDirectory, "config-2", file),
            Source(labelDirectory, "CONFIG-2", file),
            new("metadata service", metadataService),
        ]);

    /// <summary>Mounts <paramref name="device"/> read-only, gives its mount point to <paramref name="read"/>, unmounts.</summary>
    public T Read<T>(string device, Func<string, T> read)
    {
        var mountPoint = Directory.CreateTempSubdirectory("provisioner-configdrive-").FullName;
        try
        {
            try
            {
                context.Runner.Run(context.Tools.Mount, ["-o", "ro", "-t", "auto", device, mountPoint]);
            }
            catch (ToolFailedException e)
            {
                throw new StageFailedException($"cannot mount config drive {device}: {e.Message}");
            }
            try
            {
                return read(mountPoint);
            }
            finally
            {
                Unmount(device, mountPoint);
            }
        }
        finally
        {
            try
            {
                Directory.Delete(mountPoint);
            }
            catch (IOException e)
            {
                context.Log.Warning($"cannot remove the temporary mount point {mountPoint}: {HostFiles.Describe(e)}");
            }
        }
    }

    /// <summary>The file at <paramref name="path"/> under <paramref name="root"/> (kept inside it); null when absent.</summary>
    public static byte[]? ReadFile(string root, string path)
    {
        var full = Path.Join(root, Path.GetFullPath(Path.Join("/", path)));
        return Path.Exists(full) ? HostFiles.Read(full, "the config drive's file") : null;
    }

    private void Unmount(string device, string mountPoint)
    {
        // Ignition tries three times a second apart: a fresh mount can be briefly busy.
        for (var attempt = 1; ; attempt++)
        {
            var result = context.Runner.Try(context.Tools.Umount, [mountPoint]);
            if (result.Succeeded)
            {
                return;
            }
            if (attempt == 3)
            {
                context.Log.Error($"cannot unmount config drive {device} at {mountPoint}: {result.Stderr.Trim()}");
                return;
            }
            Thread.Sleep(Poll);
        }
    }
}
