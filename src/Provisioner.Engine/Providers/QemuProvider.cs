using System.Diagnostics;
using System.Runtime.InteropServices;
using Provisioner.Engine.Tools;

namespace Provisioner.Engine.Providers;

/// <summary>
/// QEMU: the config is the fw_cfg blob <c>opt/com.coreos/config</c> (<c>-fw_cfg name=opt/com.coreos/config,file=…</c>),
/// which the kernel's qemu_fw_cfg driver shows under /sys (the stage loads the driver, as Ignition does); no
/// blob means no config. On s390x and ppc64le,
/// which have no fw_cfg, it is a raw virtio disk with serial <c>ignition</c> instead, as in Ignition: polled
/// every 5 s for up to 5 min, trailing NULs trimmed.
/// </summary>
public sealed class QemuProvider(string firmwareConfigPath = QemuProvider.FirmwareConfigPath) : IPlatformProvider
{
    public const string FirmwareConfigPath = "/sys/firmware/qemu_fw_cfg/by_name/opt/com.coreos/config/raw";
    public const string BlockDevicePath = "/dev/disk/by-id/virtio-ignition";

    public string Name => "qemu";

    /// <summary>True where Ignition reads the virtio disk rather than fw_cfg; tests set it.</summary>
    internal bool UseBlockDevice { get; init; } =
        RuntimeInformation.OSArchitecture is Architecture.S390x or Architecture.Ppc64le;

    internal string BlockDevice { get; init; } = BlockDevicePath;

    /// <summary>Where the kernel shows fw_cfg once its driver is loaded (or built in); tests point it elsewhere.</summary>
    internal string FirmwareDirectory { get; init; } = "/sys/firmware/qemu_fw_cfg";

    internal TimeSpan BlockDeviceTimeout { get; init; } = TimeSpan.FromMinutes(5);

    internal TimeSpan BlockDevicePoll { get; init; } = TimeSpan.FromSeconds(5);

    public byte[] Fetch(ProviderContext context)
    {
        if (UseBlockDevice)
        {
            return FromBlockDevice(context);
        }
        LoadFirmwareConfigDriver(context);
        if (!System.IO.File.Exists(firmwareConfigPath))
        {
            context.Log.Info($"no config in QEMU's firmware configuration ({firmwareConfigPath} is absent)");
            return [];
        }
        return HostFiles.Read(firmwareConfigPath, "QEMU's firmware configuration");
    }

    /// <summary>Ignition's "loading QEMU firmware config module", skipped when the driver already shows its directory.</summary>
    private void LoadFirmwareConfigDriver(ProviderContext context)
    {
        if (Directory.Exists(FirmwareDirectory))
        {
            return;
        }
        try
        {
            context.Runner.Run(context.Tools.Modprobe, ["qemu_fw_cfg"]);
        }
        catch (ToolFailedException e)
        {
            throw new StageFailedException($"qemu: loading the firmware configuration driver (qemu_fw_cfg): {e.Message}");
        }
    }

    private byte[] FromBlockDevice(ProviderContext context)
    {
        context.Log.Warning("Fetching the Ignition config via the Virtio block driver is currently experimental and subject to change.");
        if (!Directory.Exists("/sys/bus/virtio/drivers/virtio_blk"))
        {
            try
            {
                context.Runner.Run(context.Tools.Modprobe, ["virtio_blk"]);
            }
            catch (ToolFailedException e)
            {
                throw new StageFailedException($"qemu: loading the virtio block driver module: {e.Message}");
            }
        }
        var clock = Stopwatch.StartNew();
        while (!System.IO.File.Exists(BlockDevice))
        {
            if (clock.Elapsed >= BlockDeviceTimeout)
            {
                throw new StageFailedException($"timed out after {BlockDeviceTimeout.TotalSeconds:0} s waiting for block device {BlockDevice} to appear");
            }
            context.Log.Debug($"block device {BlockDevice} not found. Waiting...");
            Thread.Sleep(BlockDevicePoll);
        }
        using var device = new FileStream(BlockDevice, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        using var copy = new MemoryStream();
        device.CopyTo(copy);
        return copy.ToArray().AsSpan().TrimEnd((byte)0).ToArray();
    }
}
