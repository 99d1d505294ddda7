using System.Text.Json;
using Provisioner.Engine.Resources.Http;

namespace Provisioner.Engine.Resources.Cloud;

/// <summary>
/// <c>s3://bucket/key</c> and <c>arn:PARTITION:s3:…</c> resources, as Ignition fetches them: on the aws platform
/// signed (SigV4) with the instance role's credentials from the metadata service, anonymous when there is no
/// role (and on every other platform); the bucket's region asked of S3 anonymously (HEAD, its
/// <c>x-amz-bucket-region</c>), starting from a hint: an access point ARN's own region, else the partition's
/// (aws, aws-cn, aws-us-gov), else on aws the instance's region (metadata, 15 s, us-east-1 when it cannot
/// be told), else us-east-1. Objects come from the region's dual-stack endpoint.
/// </summary>
public sealed class S3Resource(ResourceFetcher fetcher)
{
    private static readonly Dictionary<string, string> PartitionHints = new(StringComparer.Ordinal)
    {
        ["aws"] = "us-east-1",
        ["aws-cn"] = "cn-north-1",
        ["aws-us-gov"] = "us-gov-west-1",
    };

    /// <summary>The signing clock; tests fix it.</summary>
    internal Func<DateTime> Clock { get; init; } = () => DateTime.UtcNow;

    public Stream Open(string source, string what)
    {
        var target = Parse(source, what);
        var credentials = fetcher.Platform == "aws" ? RoleCredentials(what) : null;
        var region = target.Region ?? BucketRegion(target, what);
        var url = ObjectUrl(target, region);
        var headers = credentials is null ? [] : AwsSignatureV4.SignS3("GET", url, credentials, region, Clock());
        fetcher.Log.Info($"{what}: fetching object \"{target.Key}\" of bucket \"{target.Bucket}\" in {region} ({(credentials is null ? "anonymously" : "signed with the instance role")})");
        return fetcher.Http.Open(new HttpFetchRequest(url) { Headers = headers }, what);
    }

    /// <summary>Bucket, key, version, and the region when an access point ARN names it.</summary>
    internal sealed record Target(string Bucket, string Key, string? VersionId, string? Region, string? Hint, string? AccessPoint, string? Account);

    internal static Target Parse(string source, string what)
    {
        string? versionId = null;
        var query = source.IndexOf('?', StringComparison.Ordinal);
        var main = query < 0 ? source : source[..query];
        if (query >= 0)
        {
            foreach (var parameter in source[(query + 1)..].Split('&'))
            {
                if (parameter.StartsWith("versionId=", StringComparison.Ordinal))
                {
                    versionId ??= Uri.UnescapeDataString(parameter["versionId=".Length..]);
                }
            }
        }
        if (main.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            var rest = main["s3://".Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var bucket = slash < 0 ? rest : rest[..slash];
            var key = slash < 0 ? "" : Uri.UnescapeDataString(rest[(slash + 1)..].TrimStart('/'));
            return bucket.Length == 0 ? throw Invalid(what, source) : new Target(bucket, key, versionId, null, null, null, null);
        }
        // arn:partition:service:region:account:resource
        var fields = main.Split(':', 6);
        if (fields.Length != 6 || fields[0] != "arn" || fields[2] != "s3")
        {
            throw Invalid(what, source);
        }
        var hint = PartitionHints.GetValueOrDefault(fields[1]);
        var parts = main.Split('/');
        if (fields[5].StartsWith("accesspoint/", StringComparison.Ordinal))
        {
            if (parts.Length < 4 || parts[2] != "object" || fields[3].Length == 0)
            {
                throw Invalid(what, source);
            }
            return new Target(string.Join('/', parts[..2]), string.Join('/', parts[3..]), versionId, fields[3], hint, parts[1], fields[4]);
        }
        if (parts.Length < 2)
        {
            throw Invalid(what, source);
        }
        var bucketName = parts[0].Split(':')[^1];
        return new Target(bucketName, string.Join('/', parts[1..]), versionId, null, hint, null, null);
    }

    private static StageFailedException Invalid(string what, string source) =>
        new($"{what}: invalid S3 ARN format or URL: {ResourceSource.Describe(source)}");

    /// <summary>The instance role's credentials; null (anonymous, as Ignition) when the instance has no role or they cannot be read.</summary>
    private AwsCredentials? RoleCredentials(string what)
    {
        var metadata = new AwsMetadataClient(fetcher, "the instance role's credentials");
        try
        {
            var roles = System.Text.Encoding.UTF8.GetString(metadata.Get("latest/meta-data/iam/security-credentials/", "the instance role"));
            var role = roles.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
            if (role is null)
            {
                throw new StageFailedException("no EC2 IMDS role found");
            }
            using var document = JsonDocument.Parse(metadata.Get("latest/meta-data/iam/security-credentials/" + Uri.EscapeDataString(role), $"the credentials of role {role}"));
            var root = document.RootElement;
            string? Field(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            if (Field("AccessKeyId") is not { Length: > 0 } key || Field("SecretAccessKey") is not { Length: > 0 } secret)
            {
                throw new StageFailedException($"the credentials of role {role} have no access key");
            }
            return new AwsCredentials(key, secret, Field("Token"));
        }
        catch (Exception e) when (e is StageFailedException or JsonException)
        {
            fetcher.Log.Info($"{what}: no EC2 IMDS role credentials ({e.Message}): fetching anonymously");
            return null;
        }
    }

    /// <summary>The bucket's region, as S3 tells anyone who asks (HEAD, unsigned), from the hint's endpoint.</summary>
    private string BucketRegion(Target target, string what)
    {
        var hint = target.Hint ?? (fetcher.Platform == "aws" ? InstanceRegion() : null) ?? "us-east-1";
        var probe = fetcher.Endpoints.S3 is { } test
            ? new Uri(test, AwsSignatureV4.EncodePath(target.Bucket))
            : new Uri($"https://s3.{hint}.{Domain(hint)}/{AwsSignatureV4.EncodePath(target.Bucket)}");
        string? region = null;
        try
        {
            using var body = fetcher.Http.Open(new HttpFetchRequest(probe)
            {
                Method = "HEAD",
                AcceptedCodes = [301, 400, 403],
                Answered = (_, headers) => region = headers.TryGetValues("x-amz-bucket-region", out var values) ? values.FirstOrDefault() : null,
            }, $"{what}: the region of bucket \"{target.Bucket}\"");
        }
        catch (ResourceNotFoundException)
        {
            throw new StageFailedException($"{what}: could not find bucket \"{target.Bucket}\"");
        }
        return region is { Length: > 0 }
            ? region
            : throw new StageFailedException($"{what}: couldn't determine the region for bucket \"{target.Bucket}\": S3 did not say (no x-amz-bucket-region)");
    }

    /// <summary>The instance's region from the metadata service within 15 s, as Ignition's region hint; null when it cannot be told.</summary>
    private string? InstanceRegion()
    {
        using var client = new HttpResourceClient(fetcher.Http.Settings with { TotalTimeout = TimeSpan.FromSeconds(15) }, fetcher.Log);
        try
        {
            var region = System.Text.Encoding.UTF8.GetString(new AwsMetadataClient(fetcher, "the EC2 region", client).Get("latest/meta-data/placement/region", "the EC2 region")).Trim();
            return region.Length > 0 ? region : null;
        }
        catch (StageFailedException e)
        {
            fetcher.Log.Warning($"failed to determine EC2 region, falling back to default us-east-1: {e.Message}");
            return null;
        }
    }

    private Uri ObjectUrl(Target target, string region)
    {
        var key = AwsSignatureV4.EncodePath(target.Key);
        var query = target.VersionId is { } version ? "?versionId=" + Uri.EscapeDataString(version) : "";
        if (fetcher.Endpoints.S3 is { } test)
        {
            var bucket = target.AccessPoint is { } point ? $"{point}-{target.Account}" : target.Bucket;
            return new Uri(test, $"{AwsSignatureV4.EncodePath(bucket)}/{key}{query}");
        }
        var domain = Domain(region);
        if (target.AccessPoint is { } accessPoint)
        {
            return new Uri($"https://{accessPoint}-{target.Account}.s3-accesspoint.dualstack.{region}.{domain}/{key}{query}");
        }
        // A bucket name with dots cannot be a TLS host name under *.s3…: path-style then, as the SDK does.
        return target.Bucket.Contains('.', StringComparison.Ordinal)
            ? new Uri($"https://s3.dualstack.{region}.{domain}/{target.Bucket}/{key}{query}")
            : new Uri($"https://{target.Bucket}.s3.dualstack.{region}.{domain}/{key}{query}");
    }

    private static string Domain(string region) => region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
}
