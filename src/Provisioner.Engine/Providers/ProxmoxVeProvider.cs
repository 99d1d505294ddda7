namespace Provisioner.Engine.Providers;

/// <summary>
/// Proxmox VE: the cloud-init drive labelled <c>cidata</c>, waited for 30 s; the config is <c>user-data</c>,
/// else <c>vendor-data</c>, skipping a file that is empty or starts with <c>#cloud-config\n</c> (Proxmox
/// writes a cloud-config of its own when the user gave none). Nothing usable means no config. Works offline.
/// </summary>
public sealed class ProxmoxVeProvider : IPlatformProvider
{
    private static readonly byte[] CloudConfigHeader = "#cloud-config\n"u8.ToArray();

    public string Name => "proxmoxve";

    /// <summary>Test only: where the drive's label link is.</summary>
    internal string LabelDirectory { get; init; } = ConfigDrive.LabelDirectory;

    /// <summary>Ignition's 30 s; tests shorten it.</summary>
    internal TimeSpan Wait { get; init; } = TimeSpan.FromSeconds(30);

    public byte[] Fetch(ProviderContext context) =>
        CidataDrive.Read(context, Path.Join(LabelDirectory, "cidata"), Wait, root => ReadMounted(context, root));

    /// <summary>The config on the mounted drive at <paramref name="root"/>; null when it has none.</summary>
    internal static byte[]? ReadMounted(ProviderContext context, string root)
    {
        foreach (var file in new[] { "/user-data", "/vendor-data" })
        {
            byte[]? contents;
            try
            {
                contents = ConfigDrive.ReadFile(root, file);
            }
            catch (StageFailedException e)
            {
                context.Log.Debug(e.Message);
                continue;
            }
            if (contents is null)
            {
                continue;
            }
            if (contents.AsSpan().StartsWith(CloudConfigHeader))
            {
                context.Log.Info($"config drive (cidata) {file} is a cloud-config, not an Ignition config: ignored");
                continue;
            }
            if (contents.Length > 0)
            {
                return contents;
            }
            context.Log.Debug($"config drive (cidata) {file} is empty, ignoring");
        }
        return null;
    }
}
