using System.Text;
using Provisioner.Engine.Resources.Http;

namespace Provisioner.Engine.Resources.Cloud;

/// <summary>
/// The EC2 instance metadata service, as Ignition's AWS provider reads it: an IMDSv2 session token
/// (<c>PUT /latest/api/token</c> with a TTL of 21600 s), then GETs carrying it. A 404 on the token PUT
/// means an IMDSv1-only service and the GETs go without a token; any other refusal (403: IMDS disabled,
/// 400, 405) is final, never retried. Unlike Ignition, a GET refused with 401 (a token gone stale) gets a
/// new token once, as cloud-init does.
/// </summary>
public sealed class AwsMetadataClient(ResourceFetcher fetcher, string waitingFor, HttpResourceClient? client = null)
{
    private HttpResourceClient Http => client ?? fetcher.Http;

    public const string TokenTtlHeader = "X-aws-ec2-metadata-token-ttl-seconds";
    public const string TokenHeader = "X-aws-ec2-metadata-token";
    public const string TokenTtlSeconds = "21600";

    private bool asked;
    private string? token;

    public Uri Url(string path) => new(fetcher.Endpoints.AwsMetadata, path);

    /// <summary>The session token; null when the service only speaks IMDSv1 (404 on the PUT).</summary>
    public string? Token()
    {
        if (asked)
        {
            return token;
        }
        var request = new HttpFetchRequest(Url("latest/api/token"))
        {
            Method = "PUT",
            Headers = [new(TokenTtlHeader, TokenTtlSeconds)],
            WaitingFor = waitingFor,
        };
        try
        {
            token = Encoding.ASCII.GetString(Http.Read(request, "the AWS metadata session token")).Trim();
        }
        catch (ResourceNotFoundException)
        {
            fetcher.Log.Info("IMDSv2 service is unavailable; falling back to IMDSv1");
            token = null;
        }
        catch (HttpStatusException e)
        {
            var why = e.Status == 403
                ? "the instance metadata service is disabled for this instance, or refuses this request"
                : "the instance metadata service refused to open a session";
            throw new StageFailedException(
                $"{e.Message}: {why}; not retried, and no fallback to IMDSv1 (only a 404 means an IMDSv1-only service)");
        }
        asked = true;
        return token;
    }

    /// <summary>The body of <paramref name="path"/> (relative to the service's root); 404 raises <see cref="ResourceNotFoundException"/>.</summary>
    public byte[] Get(string path, string what)
    {
        for (var renewed = false; ; renewed = true)
        {
            var current = Token();
            var request = new HttpFetchRequest(Url(path))
            {
                Headers = current is null ? [] : [new(TokenHeader, current)],
                WaitingFor = waitingFor,
            };
            try
            {
                return Http.Read(request, what);
            }
            catch (HttpStatusException e) when (e.Status == 401 && current is not null && !renewed)
            {
                fetcher.Log.Info($"{what}: the session token was refused (401): asking for a new one");
                asked = false;
            }
        }
    }
}
