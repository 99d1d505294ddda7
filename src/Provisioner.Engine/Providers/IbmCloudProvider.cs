namespace Provisioner.Engine.Providers;

/// <summary>
/// IBM Cloud (VPC): the NoCloud drive labelled <c>cidata</c>, waited for 30 s; its <c>user-data</c> is the
/// config. No drive in time, no file, or a drive that cannot be mounted (logged) means no config, as in Ignition.
/// Local, so it works offline.
/// </summary>
public sealed class IbmCloudProvider : IPlatformProvider
{
    public string Name => "ibmcloud";

    /// <summary>Test only: where the drive's label link is.</summary>
    internal string LabelDirectory { get; init; } = ConfigDrive.LabelDirectory;

    /// <summary>Ignition's 30 s; tests shorten it.</summary>
    internal TimeSpan Wait { get; init; } = TimeSpan.FromSeconds(30);

    public byte[] Fetch(ProviderContext context) =>
        CidataDrive.Read(context, Path.Join(LabelDirectory, "cidata"), Wait, root => ConfigDrive.ReadFile(root, "/user-data"));
}
