using Provisioner.Config.Model;
using Provisioner.Engine.Resources;

namespace Provisioner.Engine.Fetching;

/// <summary>
/// Whether applying a config will need the network: a resource with a remote source, a Tang server
/// without a cached advertisement, or a custom Clevis pin that says it needs the network.
/// </summary>
public static class RemoteResources
{
    public static string? First(Configuration config)
    {
        IEnumerable<Resource> resources =
        [
            .. config.Ignition.Config.Merge,
            config.Ignition.Config.Replace,
            .. config.Ignition.Security.Tls.CertificateAuthorities,
            .. config.Storage.Files.SelectMany(f => f.Append.Prepend(f.Contents)),
            .. config.Storage.Luks.Select(l => l.KeyFile),
        ];
        foreach (var resource in resources)
        {
            if (!ResourceFetcher.IsLocal(resource.Source))
            {
                return resource.Source;
            }
        }
        foreach (var luks in config.Storage.Luks)
        {
            if (luks.Clevis.Tang.FirstOrDefault(t => string.IsNullOrEmpty(t.Advertisement)) is { } tang)
            {
                return $"the Tang server {tang.Url} (LUKS volume {luks.Name} has no cached advertisement)";
            }
            if (luks.Clevis.Custom.NeedsNetwork == true)
            {
                return $"the custom Clevis pin of LUKS volume {luks.Name}";
            }
        }
        return null;
    }
}
