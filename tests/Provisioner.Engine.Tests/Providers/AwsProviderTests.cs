using Provisioner.Engine.Fetching;
using Provisioner.Engine.Providers;
using Provisioner.Engine.Resources;
using Provisioner.Engine.Resources.Cloud;
using Provisioner.Engine.Tests.Emulation;
using Provisioner.Engine.Tests.Logging;
using Provisioner.Engine.Tests.Resources;
using Provisioner.Engine.Tests.Stages;

namespace Provisioner.Engine.Tests.Providers;

/// <summary>
/// The aws platform against an emulated instance metadata service: the IMDSv2 token flow and its
/// IMDSv1 fallback (404 only), user data and its absence, cloud-init user data, and the faults a
/// first boot meets (service not up yet, 5xx, stalls, stale tokens, bodies cut short, IMDS disabled).
/// </summary>
public sealed class AwsProviderTests : IDisposable
{
    private readonly ImdsEmulator imds = new();
    private readonly ListLogSink log = new();

    public void Dispose() => imds.Dispose();

    private CloudEndpoints Endpoints => new() { AwsMetadata = new Uri(imds.BaseUrl) };

    private byte[] Fetch(long? headerSeconds = null)
    {
        using var fetcher = Cloud.Fetcher(log, Endpoints, headerSeconds: headerSeconds);
        return Cloud.Fetch(new AwsProvider(), fetcher, log);
    }

    [Fact]
    public void TheUserDataIsReadWithAnImdsV2SessionToken()
    {
        imds.UserData = ImdsEmulator.Bytes(Ign.Config(""));

        Assert.Equal(Ign.Config(""), System.Text.Encoding.UTF8.GetString(Fetch()));

        var put = Assert.Single(imds.TokenRequests);
        Assert.Equal("PUT", put.Method);
        Assert.Equal("21600", put.Header("X-aws-ec2-metadata-token-ttl-seconds"));
        var get = Assert.Single(imds.Server.RequestsTo("/2019-10-01/user-data"));
        Assert.Equal("GET", get.Method);
        Assert.Equal("AQAEA-token-1", get.Header("X-aws-ec2-metadata-token"));
        Assert.DoesNotContain("AQAEA-token", log.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public void NoUserDataIsNoConfig()
    {
        Assert.Empty(Fetch());
        Assert.Contains("the instance has no user data (404)", log.Messages);
    }

    [Fact]
    public void AnImdsV1OnlyServiceIsReadWithoutAToken()
    {
        imds.Mode = ImdsEmulator.Modes.V1Only;
        imds.UserData = ImdsEmulator.Bytes("{}");

        Assert.Equal("{}"u8.ToArray(), Fetch());

        Assert.Contains("IMDSv2 service is unavailable; falling back to IMDSv1", log.Messages);
        Assert.False(Assert.Single(imds.Server.RequestsTo("/2019-10-01/user-data")).Has("X-aws-ec2-metadata-token"));
    }

    [Theory]
    [InlineData("#cloud-config\nhostname: web\n", "a cloud-config")]
    [InlineData("#!/bin/sh\necho hi\n", "a script")]
    [InlineData("Content-Type: multipart/mixed; boundary=\"XX\"\nMIME-Version: 1.0\n\n--XX\n", "a MIME multipart archive")]
    public void CloudInitUserDataIsNamedAndTreatedAsNoConfig(string userData, string kind)
    {
        imds.UserData = ImdsEmulator.Bytes(userData);

        Assert.Empty(Fetch());

        Assert.Contains($"the aws user data is {kind}, not an Ignition config: booting with an empty config, as Flatcar does", log.Messages);
    }

    [Fact]
    public void ABurstOf5xxIsWaitedOutAndEachAttemptSaysWhatTheBootWaitsFor()
    {
        imds.UserData = ImdsEmulator.Bytes("{}");
        imds.Faults.Inject(ImdsEmulator.TokenPath, Reply.WithStatus(503), Reply.WithStatus(500));
        imds.Faults.Inject("/2019-10-01/user-data", Reply.WithStatus(502), Reply.WithStatus(503), Reply.WithStatus(503));

        Assert.Equal("{}"u8.ToArray(), Fetch());

        Assert.Equal(3, imds.TokenRequests.Count);
        Assert.Equal(4, imds.Server.RequestsTo("/2019-10-01/user-data").Count);
        Assert.Contains(log.Messages, m => m.StartsWith("waiting for config from aws: attempt 2, last error: 500 Internal Server Error; next attempt in", StringComparison.Ordinal));
        Assert.Contains(log.Messages, m => m.StartsWith("waiting for config from aws: attempt 3, last error: 503 Service Unavailable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AServiceThatIsNotUpYetIsWaitedFor()
    {
        var port = Fast.ClosedPort();
        using var fetcher = Cloud.Fetcher(log, new CloudEndpoints { AwsMetadata = new Uri($"http://127.0.0.1:{port}/") });
        var fetching = Task.Run(() => Cloud.Fetch(new AwsProvider(), fetcher, log));
        SpinWait.SpinUntil(() => log.Messages.Count(m => m.Contains("last error: connection refused", StringComparison.Ordinal)) >= 3, TimeSpan.FromSeconds(10));

        using var late = new ImdsEmulator(port) { UserData = ImdsEmulator.Bytes("{}") };

        Assert.Equal("{}"u8.ToArray(), await fetching.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains(log.Messages, m => m.StartsWith("waiting for config from aws: attempt 3, last error: connection refused", StringComparison.Ordinal));
    }

    [Fact]
    public void AStallPastTheHeaderTimeoutIsRetried()
    {
        imds.UserData = ImdsEmulator.Bytes("{}");
        imds.Faults.Inject("/2019-10-01/user-data", Reply.Hang());

        Assert.Equal("{}"u8.ToArray(), Fetch(headerSeconds: 1));

        Assert.Contains(log.Messages, m => m.StartsWith("waiting for config from aws: attempt 1, last error: no response headers within 1 s", StringComparison.Ordinal));
    }

    [Fact]
    public void AStaleTokenRefusedWith401GetsANewOne()
    {
        imds.Mode = ImdsEmulator.Modes.Required;
        imds.UserData = ImdsEmulator.Bytes("{}");
        imds.Faults.Inject("/2019-10-01/user-data", Reply.WithStatus(401, "Unauthorized\n"));

        Assert.Equal("{}"u8.ToArray(), Fetch());

        Assert.Equal(2, imds.TokenRequests.Count);
        Assert.Equal("AQAEA-token-2", imds.Server.RequestsTo("/2019-10-01/user-data")[^1].Header("X-aws-ec2-metadata-token"));
    }

    [Fact]
    public void ATokenRefusedTwiceFailsWithoutAStorm()
    {
        imds.UserData = ImdsEmulator.Bytes("{}");
        imds.Faults.Inject("/2019-10-01/user-data", Reply.WithStatus(401), Reply.WithStatus(401), Reply.WithStatus(401));

        var error = Assert.Throws<Provisioner.Engine.Resources.Http.HttpStatusException>(() => Fetch());

        Assert.Equal(401, error.Status);
        Assert.Equal(2, imds.TokenRequests.Count);
        Assert.Equal(2, imds.Server.RequestsTo("/2019-10-01/user-data").Count);
    }

    [Fact]
    public void ATruncatedBodyFailsTheFetch()
    {
        imds.Faults.Inject("/2019-10-01/user-data", Reply.Truncated("{\"ignition\"", 400));

        var error = Assert.ThrowsAny<StageFailedException>(() => Fetch());

        Assert.Contains("the aws user data", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FetchOfflineNeedsTheNetworkWithoutAskingTheService()
    {
        using var fetcher = Cloud.Fetcher(log, Endpoints, offline: true);

        Assert.Throws<NeedNetworkException>(() => Cloud.Fetch(new AwsProvider(), fetcher, log));
        Assert.Empty(imds.Server.Requests);
    }
}

/// <summary>The aws platform through <see cref="StageRunner"/>, as the initramfs runs it.</summary>
public sealed class AwsStageTests : IDisposable
{
    private readonly ImdsEmulator imds = new();
    private readonly EngineRun run = new();

    public AwsStageTests() => run.Variables[CloudEndpoints.AwsMetadataVariable] = imds.BaseUrl;

    public void Dispose()
    {
        run.Dispose();
        imds.Dispose();
    }

    [Fact]
    public void FetchOfflineAsksForTheNetworkAndFetchCachesTheUserData()
    {
        imds.UserData = ImdsEmulator.Bytes(Ign.Config("""
            "storage": { "files": [ { "path": "/etc/from-aws" } ] }
            """));

        run.Run(Stage.FetchOffline, "aws");
        Assert.True(File.Exists(run.NeedNetPath));
        Assert.Empty(imds.Server.Requests);
        run.Run(Stage.Fetch, "aws");

        Assert.Equal("/etc/from-aws", Assert.Single(ConfigCache.Read(run.CachePath).Storage.Files).Path);
        Assert.Equal("aws", (string?)run.State()["fetchedConfigs"]![0]!["source"]);
    }

    [Fact]
    public void ATokenRefusedWith403FailsTheStageClearlyAfterOneAttempt()
    {
        imds.Mode = ImdsEmulator.Modes.Disabled;

        var error = run.Fails(Stage.Fetch, "aws");

        Assert.StartsWith("the AWS metadata session token: PUT http://127.0.0.1:", error.Message, StringComparison.Ordinal);
        Assert.Contains("failed to fetch resource (403 Forbidden): the instance metadata service is disabled for this instance, or refuses this request; not retried", error.Message, StringComparison.Ordinal);
        Assert.Single(imds.TokenRequests);
        Assert.Empty(imds.Server.RequestsTo("/2019-10-01/user-data"));
        Assert.Contains(run.Log.Messages, m => m.EndsWith("attempt 1: 403 Forbidden", StringComparison.Ordinal));
        Assert.False(File.Exists(run.CachePath));
    }
}
