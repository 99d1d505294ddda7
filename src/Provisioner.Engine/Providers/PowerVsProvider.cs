namespace Provisioner.Engine.Providers;

/// <summary>
/// IBM Power Virtual Server: the config drive labelled <c>config-2</c>, always attached, waited for without limit;
/// <c>openstack/latest/user_data</c> on it is the config, its absence no config. A drive that cannot be
/// mounted fails the boot. Local, so it works offline.
/// </summary>
public sealed class PowerVsProvider : IPlatformProvider
{
    public string Name => "powervs";

    /// <summary>Test only: where the drive's label link is.</summary>
    internal string LabelDirectory { get; init; } = ConfigDrive.LabelDirectory;

    public byte[] Fetch(ProviderContext context)
    {
        return new ConfigDrive(context).WaitAndRead(LabelDirectory, "config-2", OpenStackProvider.DriveUserDataPath, CancellationToken.None) ?? [];
    }
}
