using System.Text;
using Provisioner.Engine.Logging;
using Provisioner.Engine.Resources;
using Provisioner.Engine.Resources.Cloud;
using Provisioner.Engine.Tests.Emulation;
using Provisioner.Engine.Tests.Logging;
using Provisioner.Engine.Tests.Resources;

namespace Provisioner.Engine.Tests.Providers;

/// <summary>
/// s3://, arn: and gs:// resources against emulated S3, IMDS and GCE metadata: who signs, with what,
/// where the region comes from, and the anonymous fallbacks.
/// </summary>
public sealed class CloudStorageTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);
    private static readonly AwsCredentials Role = new("ASIAEMULATED", "emulated/secret+key", "session-token-xyz");

    private readonly ImdsEmulator imds = new() { Region = "eu-west-3" };
    private readonly S3Emulator s3 = new(Role);
    private readonly GceMetadataEmulator gce = new();
    private readonly ListLogSink log = new();

    public void Dispose()
    {
        imds.Dispose();
        s3.Dispose();
        gce.Dispose();
    }

    private ResourceFetcher Fetcher(string platform, bool offline = false) => new()
    {
        Log = new Log(log),
        Backoff = Fast.Backoff,
        Offline = offline,
        Platform = platform,
        Clock = () => Now,
        Endpoints = new CloudEndpoints
        {
            AwsMetadata = new Uri(imds.BaseUrl),
            S3 = new Uri(s3.BaseUrl),
            GceMetadata = new Uri(gce.BaseUrl),
            Gcs = new Uri(gce.BaseUrl),
        },
    };

    private string Fetch(string source, string platform = "aws", string? compression = null)
    {
        using var fetcher = Fetcher(platform);
        return Encoding.UTF8.GetString(fetcher.Fetch(Fast.Resource(source, compression: compression), "file /etc/x"));
    }

    [Fact]
    public void OnAwsAnObjectIsFetchedSignedWithTheInstanceRoleInTheBucketsRegion()
    {
        imds.Credentials = $$"""{"Code":"Success","Type":"AWS-HMAC","AccessKeyId":"{{Role.AccessKeyId}}","SecretAccessKey":"{{Role.SecretAccessKey}}","Token":"{{Role.SessionToken}}","Expiration":"2026-11-23T18:00:00Z"}""";
        s3.Bucket("configs", "ap-south-2", headStatus: 403);
        s3.Object("configs", "dir/a b.ign", "ap-south-2", "signed contents"u8.ToArray());

        Assert.Equal("signed contents", Fetch("s3://configs/dir/a b.ign"));

        var head = Assert.Single(s3.Server.Requests, r => r.Method == "HEAD");
        Assert.Equal("/configs", head.Path);
        Assert.False(head.Has("Authorization"));
        var get = Assert.Single(s3.Server.Requests, r => r.Method == "GET");
        Assert.Equal("/configs/dir/a%20b.ign", get.Path);
        Assert.Equal("20261123T120000Z", get.Header("x-amz-date"));
        Assert.Equal("session-token-xyz", get.Header("x-amz-security-token"));
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=ASIAEMULATED/20261123/ap-south-2/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=",
            get.Header("Authorization"), StringComparison.Ordinal);
        Assert.Null(s3.Verify(get, "ap-south-2"));
        Assert.NotEmpty(imds.TokenRequests);
        Assert.All(imds.Server.Requests.Where(r => r.Method == "GET"), r => Assert.StartsWith("AQAEA-token-", r.Header("X-aws-ec2-metadata-token"), StringComparison.Ordinal));
        Assert.Contains(imds.Server.Requests, r => r.Path == "/latest/meta-data/iam/security-credentials/" + ImdsEmulator.RoleName);
        Assert.DoesNotContain(Role.SecretAccessKey, log.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("session-token-xyz", log.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAnInstanceRoleTheFetchIsAnonymous()
    {
        s3.Bucket("public", "us-west-2");
        s3.Object("public", "config.ign", "us-west-2", "public contents"u8.ToArray(), isPublic: true);

        Assert.Equal("public contents", Fetch("s3://public/config.ign"));

        Assert.False(Assert.Single(s3.Server.Requests, r => r.Method == "GET").Has("Authorization"));
        Assert.Contains(log.Messages, m => m.Contains("no EC2 IMDS role credentials", StringComparison.Ordinal));
    }

    [Fact]
    public void OnAnotherPlatformS3IsAnonymousAndTheMetadataServiceIsNotAsked()
    {
        s3.Bucket("public", "us-west-2");
        s3.Object("public", "config.ign", "us-west-2", "public contents"u8.ToArray(), isPublic: true);

        Assert.Equal("public contents", Fetch("arn:aws:s3:::public/config.ign", platform: "qemu"));

        Assert.Empty(imds.Server.Requests);
    }

    [Fact]
    public void AnAccessPointArnCarriesItsRegionAndNeedsNoProbe()
    {
        s3.Object("configs-123456789012", "k/config.ign", "eu-north-1", "via access point"u8.ToArray(), isPublic: true);

        Assert.Equal("via access point", Fetch("arn:aws:s3:eu-north-1:123456789012:accesspoint/configs/object/k/config.ign", platform: "metal"));

        Assert.DoesNotContain(s3.Server.Requests, r => r.Method == "HEAD");
    }

    [Fact]
    public void AMissingBucketAndAMissingObjectFailClearly()
    {
        Assert.Equal("file /etc/x: could not find bucket \"nosuch\"", Assert.Throws<StageFailedException>(() => Fetch("s3://nosuch/key", platform: "metal")).Message);

        s3.Bucket("configs", "us-east-1");
        Assert.IsType<ResourceNotFoundException>(Assert.ThrowsAny<StageFailedException>(() => Fetch("s3://configs/nokey", platform: "metal")));
    }

    [Fact]
    public void CompressedS3ResourcesAreRefusedAsIgnitionDoes() =>
        Assert.Equal("file /etc/x: compression is not supported with that scheme",
            Assert.Throws<StageFailedException>(() => Fetch("s3://b/k", compression: "gzip")).Message);

    [Theory]
    [InlineData("arn:aws:s3:::")]
    [InlineData("arn:aws:ec2:::bucket/key")]
    [InlineData("arn:aws:s3:us-east-1:1:accesspoint/name/key")]
    public void InvalidArnsAreRefused(string arn) =>
        Assert.StartsWith("file /etc/x: invalid S3 ARN format or URL",
            Assert.Throws<StageFailedException>(() => Fetch(arn, platform: "metal")).Message, StringComparison.Ordinal);

    [Fact]
    public void OfflineCloudObjectsNeedTheNetwork()
    {
        using var fetcher = Fetcher("aws", offline: true);

        Assert.Throws<NeedNetworkException>(() => fetcher.Fetch(Fast.Resource("s3://b/k"), "file /etc/x"));
        Assert.Throws<NeedNetworkException>(() => fetcher.Fetch(Fast.Resource("gs://b/k"), "file /etc/x"));
    }

    [Fact]
    public void OnGceAnObjectIsFetchedWithTheServiceAccountsBearerToken()
    {
        gce.ServiceAccount = true;
        gce.Server.Serve("/storage/v1/b/configs/o/dir%2Fconfig.ign", Reply.Ok("gcs contents"));

        Assert.Equal("gcs contents", Fetch("gs://configs/dir/config.ign", platform: "gcp"));

        var token = Assert.Single(gce.Server.Requests, r => r.Path.StartsWith(GceMetadataEmulator.TokenPath, StringComparison.Ordinal));
        Assert.Equal(GceMetadataEmulator.TokenPath + "?scopes=https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fdevstorage.read_only", token.Path);
        Assert.Equal("Google", token.Header("Metadata-Flavor"));
        var get = Assert.Single(gce.Server.Requests, r => r.Path.StartsWith("/storage/", StringComparison.Ordinal));
        Assert.Equal("/storage/v1/b/configs/o/dir%2Fconfig.ign?alt=media", get.Path);
        Assert.Equal("Bearer " + GceMetadataEmulator.AccessToken, get.Header("Authorization"));
        Assert.DoesNotContain(GceMetadataEmulator.AccessToken, log.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAServiceAccountGcsIsAnonymous()
    {
        gce.Server.Serve("/storage/v1/b/public/o/config.ign", Reply.Ok("public gcs"));

        Assert.Equal("public gcs", Fetch("gs://public/config.ign", platform: "metal"));

        Assert.False(Assert.Single(gce.Server.Requests, r => r.Path.StartsWith("/storage/", StringComparison.Ordinal)).Has("Authorization"));
        Assert.Contains(log.Messages, m => m.Contains("falling back to unauthenticated GCS access", StringComparison.Ordinal));
    }
}
