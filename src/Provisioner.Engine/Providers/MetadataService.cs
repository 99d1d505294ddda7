using Provisioner.Engine.Resources;
using Provisioner.Engine.Resources.Http;

namespace Provisioner.Engine.Providers;

/// <summary>
/// Reading a platform's metadata service with Ignition's client: offline (fetch-offline) it raises
/// <see cref="NeedNetworkException"/> as any network fetch does; a 404 is "no user data" where the
/// platform says so, and fatal where it does not.
/// </summary>
public static class MetadataService
{
    /// <summary>The body of <paramref name="request"/>; empty on a 404 when <paramref name="notFoundIsEmpty"/>.</summary>
    public static byte[] Read(ProviderContext context, HttpFetchRequest request, string what, bool notFoundIsEmpty, HttpResourceClient? client = null)
    {
        if (context.Fetcher.Offline)
        {
            throw new NeedNetworkException(request.Url.OriginalString);
        }
        try
        {
            return (client ?? context.Fetcher.Http).Read(request, what);
        }
        catch (ResourceNotFoundException) when (notFoundIsEmpty)
        {
            context.Log.Info($"{what}: the metadata service has no user data for this machine (404)");
            return [];
        }
    }

    /// <summary><paramref name="url"/> with its scheme, host and port replaced by <paramref name="baseUrl"/>'s, for tests.</summary>
    public static Uri Rebase(Uri url, Uri? baseUrl) =>
        baseUrl is null ? url : new Uri(baseUrl, url.PathAndQuery);
}
