using Provisioner.Engine.Fetching;
using Provisioner.Engine.Providers;
using Provisioner.Engine.Resources;
using Provisioner.Engine.Resources.Cloud;
using Provisioner.Engine.Tests.Emulation;
using Provisioner.Engine.Tests.Logging;
using Provisioner.Engine.Tests.Resources;
using Provisioner.Engine.Tests.Stages;

namespace Provisioner.Engine.Tests.Providers;

/// <summary>The gcp platform against an emulated GCE metadata server, its faults and the stage runner.</summary>
public sealed class GcpProviderTests : IDisposable
{
    private readonly GceMetadataEmulator gce = new();
    private readonly ListLogSink log = new();

    public void Dispose() => gce.Dispose();

    private byte[] Fetch(long? headerSeconds = null, long? totalSeconds = null)
    {
        using var fetcher = Cloud.Fetcher(log, new CloudEndpoints { GceMetadata = new Uri(gce.BaseUrl) }, headerSeconds: headerSeconds, totalSeconds: totalSeconds);
        return Cloud.Fetch(new GcpProvider(), fetcher, log);
    }

    [Fact]
    public void TheUserDataAttributeIsReadWithTheMetadataFlavorHeader()
    {
        gce.UserData = GceMetadataEmulator.Bytes("{}");

        Assert.Equal("{}"u8.ToArray(), Fetch());

        var request = Assert.Single(gce.Server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal(GceMetadataEmulator.UserDataPath, request.Path);
        Assert.Equal("Google", request.Header("Metadata-Flavor"));
    }

    [Fact]
    public void AnUnsetAttributeIsNoConfig()
    {
        Assert.Empty(Fetch());
        Assert.Contains("the instance has no user-data attribute (404)", log.Messages);
    }

    [Fact]
    public void ACloudConfigIsNamedAndTreatedAsNoConfig()
    {
        gce.UserData = GceMetadataEmulator.Bytes("#cloud-config\nusers: []\n");

        Assert.Empty(Fetch());
        Assert.Contains("the gcp user data is a cloud-config, not an Ignition config: booting with an empty config, as Flatcar does", log.Messages);
    }

    [Fact]
    public void ABurstOf5xxAndAStallAreWaitedOut()
    {
        gce.UserData = GceMetadataEmulator.Bytes("{}");
        gce.Faults.Inject(GceMetadataEmulator.UserDataPath, Reply.WithStatus(503), Reply.Hang(), Reply.WithStatus(500));

        Assert.Equal("{}"u8.ToArray(), Fetch(headerSeconds: 1));

        Assert.Equal(4, gce.Server.Requests.Count);
        Assert.Contains(log.Messages, m => m.StartsWith("waiting for config from gcp: attempt 2, last error: no response headers within 1 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AServerThatIsNotUpYetIsWaitedFor()
    {
        var port = Fast.ClosedPort();
        using var fetcher = Cloud.Fetcher(log, new CloudEndpoints { GceMetadata = new Uri($"http://127.0.0.1:{port}/") });
        var fetching = Task.Run(() => Cloud.Fetch(new GcpProvider(), fetcher, log));
        SpinWait.SpinUntil(() => log.Messages.Count(m => m.Contains("last error: connection refused", StringComparison.Ordinal)) >= 2, TimeSpan.FromSeconds(10));

        using var late = new GceMetadataEmulator(port) { UserData = GceMetadataEmulator.Bytes("{}") };

        Assert.Equal("{}"u8.ToArray(), await fetching.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains(log.Messages, m => m.StartsWith("waiting for config from gcp: attempt 2, last error: connection refused", StringComparison.Ordinal));
    }

    [Fact]
    public void A403IsFinal()
    {
        gce.Faults.Inject(GceMetadataEmulator.UserDataPath, Reply.WithStatus(403));

        var error = Assert.Throws<Provisioner.Engine.Resources.Http.HttpStatusException>(() => Fetch());

        Assert.Equal(403, error.Status);
        Assert.Single(gce.Server.Requests);
    }

    [Fact]
    public void ATruncatedBodyFailsTheFetch()
    {
        gce.Faults.Inject(GceMetadataEmulator.UserDataPath, Reply.Truncated("{\"ign", 100));

        Assert.ThrowsAny<StageFailedException>(() => Fetch());
    }

    [Fact]
    public void FetchOfflineNeedsTheNetworkAndFetchCachesTheConfig()
    {
        using var run = new EngineRun();
        run.Variables[CloudEndpoints.GceMetadataVariable] = gce.BaseUrl;
        gce.UserData = GceMetadataEmulator.Bytes(Ign.Config("""
            "storage": { "files": [ { "path": "/etc/from-gcp" } ] }
            """));

        run.Run(Stage.FetchOffline, "gcp");
        Assert.True(File.Exists(run.NeedNetPath));
        Assert.Empty(gce.Server.Requests);
        run.Run(Stage.Fetch, "gcp");

        Assert.Equal("/etc/from-gcp", Assert.Single(ConfigCache.Read(run.CachePath).Storage.Files).Path);
    }

    [Fact]
    public void AFetchTimeoutBoundsTheWait()
    {
        gce.Faults.Inject(GceMetadataEmulator.UserDataPath, Enumerable.Repeat(Reply.WithStatus(503), 1000).ToArray());

        var error = Assert.Throws<StageFailedException>(() => Fetch(totalSeconds: 1));

        Assert.Contains("unable to fetch resource in time", error.Message, StringComparison.Ordinal);
        Assert.Contains("last error: 503 Service Unavailable", error.Message, StringComparison.Ordinal);
    }
}
