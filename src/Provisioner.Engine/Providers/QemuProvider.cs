namespace Provisioner.Engine.Providers;

/// <summary>
/// QEMU: the config is the fw_cfg blob <c>opt/com.coreos/config</c> (<c>-fw_cfg name=opt/com.coreos/config,file=…</c>),
/// which the kernel's qemu_fw_cfg driver shows under /sys; no blob means no config.
/// </summary>
public sealed class QemuProvider(string firmwareConfigPath = QemuProvider.FirmwareConfigPath) : IPlatformProvider
{
    public const string FirmwareConfigPath = "/sys/firmware/qemu_fw_cfg/by_name/opt/com.coreos/config/raw";

    public string Name => "qemu";

    public byte[] Fetch(ProviderContext context)
    {
        if (!System.IO.File.Exists(firmwareConfigPath))
        {
            context.Log.Info($"no config in QEMU's firmware configuration ({firmwareConfigPath} is absent)");
            return [];
        }
        return HostFiles.Read(firmwareConfigPath, "QEMU's firmware configuration");
    }
}
