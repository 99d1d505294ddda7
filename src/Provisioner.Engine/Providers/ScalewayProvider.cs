using Provisioner.Engine.Resources.Http;

namespace Provisioner.Engine.Providers;

/// <summary>
/// Scaleway: GET http://169.254.42.42/user_data/cloud-init from a random privileged source port (1–1022),
/// because Scaleway serves user data only to a port that needs root to bind; a 404 means no config.
/// </summary>
public sealed class ScalewayProvider : UserDataServiceProvider
{
    public override string Name => "scaleway";

    public override Uri UserDataUrl { get; } = new("http://169.254.42.42/user_data/cloud-init");

    public override byte[] Fetch(ProviderContext context)
    {
        using var client = new HttpResourceClient(context.Fetcher.Http.Settings, context.Log, () => Random.Shared.Next(1, 1023));
        var request = new HttpFetchRequest(MetadataService.Rebase(UserDataUrl, BaseUrl));
        return MetadataService.Read(context, request, What, notFoundIsEmpty: true, client);
    }
}
