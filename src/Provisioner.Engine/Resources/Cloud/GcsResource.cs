using System.Text.Json;
using Provisioner.Engine.Resources.Http;

namespace Provisioner.Engine.Resources.Cloud;

/// <summary>
/// <c>gs://bucket/object</c> resources, as Ignition fetches them: through the JSON API
/// (<c>https://storage.googleapis.com/storage/v1/b/BUCKET/o/OBJECT?alt=media</c>, the object name escaped
/// whole), with a bearer token of the instance's default service account when the GCE metadata server answers
/// (its scopes, then a read-only storage token), anonymously otherwise. The metadata server is asked once
/// per fetcher and given 5 s to answer the scopes, so a machine outside GCE does not wait long.
/// </summary>
public sealed class GcsResource(ResourceFetcher fetcher)
{
    public const string ReadOnlyScope = "https://www.googleapis.com/auth/devstorage.read_only";

    private static readonly KeyValuePair<string, string> Flavor = new("Metadata-Flavor", "Google");

    public Stream Open(string source, string what, ref bool? onGce)
    {
        var rest = source["gs://".Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var name = slash < 0 ? "" : Uri.UnescapeDataString(rest[(slash + 1)..].TrimStart('/'));
        if (bucket.Length == 0)
        {
            throw new StageFailedException($"{what}: {ResourceSource.Describe(source)} names no bucket");
        }
        onGce ??= HasServiceAccount(what);
        var headers = new List<KeyValuePair<string, string>>();
        if (onGce == true)
        {
            headers.Add(new("Authorization", Token(what)));
        }
        var url = new Uri(fetcher.Endpoints.Gcs, $"storage/v1/b/{Uri.EscapeDataString(bucket)}/o/{Uri.EscapeDataString(name)}?alt=media");
        return fetcher.Http.Open(new HttpFetchRequest(url) { Headers = headers }, what);
    }

    private Uri Metadata(string path) => new(fetcher.Endpoints.GceMetadata, "computeMetadata/v1/" + path);

    /// <summary>Ignition's <c>metadata.OnGCE()</c> and scopes check, in one bounded request.</summary>
    private bool HasServiceAccount(string what)
    {
        using var client = new HttpResourceClient(fetcher.Http.Settings with { TotalTimeout = TimeSpan.FromSeconds(5) }, fetcher.Log);
        try
        {
            client.Read(new HttpFetchRequest(Metadata("instance/service-accounts/default/scopes")) { Headers = [Flavor] }, "the GCE service account's scopes");
            return true;
        }
        catch (StageFailedException e)
        {
            fetcher.Log.Info($"{what}: falling back to unauthenticated GCS access: {e.Message}");
            return false;
        }
    }

    /// <summary>"Bearer TOKEN" for read-only storage access, from the metadata server.</summary>
    private string Token(string what)
    {
        var url = Metadata("instance/service-accounts/default/token?scopes=" + Uri.EscapeDataString(ReadOnlyScope));
        byte[] body;
        try
        {
            body = fetcher.Http.Read(new HttpFetchRequest(url) { Headers = [Flavor] }, "the GCE service account's token");
        }
        catch (StageFailedException e)
        {
            throw new StageFailedException($"{what}: fetching GCS auth token: {e.Message}");
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var token = root.TryGetProperty("access_token", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            var type = root.TryGetProperty("token_type", out var kind) && kind.ValueKind == JsonValueKind.String ? kind.GetString() : null;
            return token is { Length: > 0 }
                ? $"{(string.IsNullOrEmpty(type) ? "Bearer" : type)} {token}"
                : throw new StageFailedException($"{what}: fetching GCS auth token: the metadata server's answer has no access_token");
        }
        catch (JsonException)
        {
            throw new StageFailedException($"{what}: fetching GCS auth token: the metadata server's answer is not JSON");
        }
    }
}
