namespace Provisioner.Engine.Providers;

/// <summary>
/// KubeVirt: a NoCloud drive labelled <c>cidata</c> (<c>user-data</c>) raced with a ConfigDrive labelled
/// <c>config-2</c> (<c>openstack/latest/user_data</c>), each waited for without limit; the first drive read wins,
/// a drive without the file meaning no config. Local devices only, so it works offline.
/// </summary>
public sealed class KubeVirtProvider : IPlatformProvider
{
    public string Name => "kubevirt";

    /// <summary>Test only: where the drives' label links are.</summary>
    internal string LabelDirectory { get; init; } = ConfigDrive.LabelDirectory;

    public byte[] Fetch(ProviderContext context)
    {
        var drive = new ConfigDrive(context);
        return SourceRace.FirstOf(context.Log,
        [
            drive.Source(LabelDirectory, "cidata", "/user-data"),
            drive.Source(LabelDirectory, "config-2", OpenStackProvider.DriveUserDataPath),
        ]);
    }
}
