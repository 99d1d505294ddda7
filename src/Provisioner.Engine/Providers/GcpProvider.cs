using Provisioner.Engine.Resources;
using Provisioner.Engine.Resources.Http;

namespace Provisioner.Engine.Providers;

/// <summary>
/// Google Compute Engine: the instance attribute <c>user-data</c> from the metadata server, with
/// <c>Metadata-Flavor: Google</c>; 404 (attribute not set) is no config. As Ignition: no
/// <c>user-data-encoding</c>, fetch-offline needs the network, failures other than 5xx are final.
/// </summary>
public sealed class GcpProvider : IPlatformProvider
{
    public const string UserDataPath = "computeMetadata/v1/instance/attributes/user-data";

    public string Name => "gcp";

    public byte[] Fetch(ProviderContext context)
    {
        var url = new Uri(context.Fetcher.Endpoints.GceMetadata, UserDataPath);
        if (context.Fetcher.Offline)
        {
            throw new NeedNetworkException(url.ToString());
        }
        byte[] data;
        try
        {
            data = context.Fetcher.Http.Read(
                new HttpFetchRequest(url) { Headers = [new("Metadata-Flavor", "Google")], WaitingFor = "config from gcp" },
                "the gcp user data");
        }
        catch (ResourceNotFoundException)
        {
            context.Log.Info("the instance has no user-data attribute (404)");
            return [];
        }
        return UserDataKind.ConfigOrNothing(data, Name, context.Log);
    }
}
