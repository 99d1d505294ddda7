using System.Text;
using Provisioner.Engine.Resources;
using Provisioner.Engine.Resources.Http;

namespace Provisioner.Engine.Providers;

/// <summary>
/// Akamai (Linode) metadata service: a token from <c>PUT http://169.254.169.254/v1/token</c>
/// (<c>Metadata-Token-Expiry-Seconds: 300</c>, <c>Accept: text/plain</c>; the body is the token), then
/// <c>GET /v1/user-data</c> with <c>Metadata-Token</c> and <c>Accept: */*</c> (the default Accept gets a 406).
/// User data is stored base64 and may be gzipped. Any 404 fails the boot, as does an empty token; offline
/// it needs the network.
/// </summary>
public sealed class AkamaiProvider : UserDataServiceProvider
{
    public override string Name => "akamai";

    public static Uri TokenUrl { get; } = new("http://169.254.169.254/v1/token");

    public override Uri UserDataUrl { get; } = new("http://169.254.169.254/v1/user-data");

    public override byte[] Fetch(ProviderContext context)
    {
        if (context.Fetcher.Offline)
        {
            throw new NeedNetworkException(UserDataUrl.OriginalString);
        }
        var tokenRequest = new HttpFetchRequest(MetadataService.Rebase(TokenUrl, BaseUrl))
        {
            Method = "PUT",
            Headers = [new("Accept", "text/plain"), new("Metadata-Token-Expiry-Seconds", "300")],
        };
        var token = Encoding.UTF8.GetString(MetadataService.Read(context, tokenRequest, "the akamai metadata token", notFoundIsEmpty: false)).Trim();
        if (token.Length == 0)
        {
            throw new StageFailedException("the akamai metadata token: received an empty token");
        }
        var request = new HttpFetchRequest(MetadataService.Rebase(UserDataUrl, BaseUrl))
        {
            Headers = [new("Accept", "*/*"), new("Metadata-Token", token)],
        };
        var data = Base64.Decode(MetadataService.Read(context, request, What, notFoundIsEmpty: false), What);
        return Gzip.Looks(data) ? Gzip.Unpack(data, What) : data;
    }
}
