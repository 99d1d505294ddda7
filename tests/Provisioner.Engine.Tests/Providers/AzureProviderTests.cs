using Provisioner.Engine.Logging;
using Provisioner.Engine.Providers;
using Provisioner.Engine.Resources;
using Provisioner.Engine.Resources.Cloud;
using Provisioner.Engine.Tests.Emulation;
using Provisioner.Engine.Tests.Logging;
using Provisioner.Engine.Tests.Resources;
using Provisioner.Engine.Tests.Stages;

namespace Provisioner.Engine.Tests.Providers;

/// <summary>
/// The azure platform against an emulated IMDS (userData, base64, the 404/410/429 Azure retries) and a
/// provisioning CD; azurestack's CD only. The CD is a directory here: <see cref="OvfMedia"/>'s device
/// listing, drive check and mount are replaced, and what is read from the mounted disc is the real code.
/// </summary>
public sealed class AzureProviderTests : IDisposable
{
    private readonly AzureImdsEmulator imds = new();
    private readonly ListLogSink log = new();
    private readonly string media = Directory.CreateTempSubdirectory("provisioner-ovf-").FullName;

    public void Dispose()
    {
        imds.Dispose();
        Directory.Delete(media, recursive: true);
    }

    /// <summary>A CD "drive" per directory under <see cref="media"/>, all with a disc; <paramref name="fileSystem"/> is what blkid would say of them.</summary>
    private OvfMedia Media(string[] fileSystems, string fileSystem = "udf", TimeSpan? limit = null) => new(fileSystems)
    {
        PollInterval = TimeSpan.FromMilliseconds(20),
        Limit = limit ?? TimeSpan.FromSeconds(5),
        Devices = (type, _) => type == fileSystem ? [.. Directory.GetDirectories(media).Order(StringComparer.Ordinal)] : [],
        IsCdromWithDisc = (_, _) => true,
        Mounted = (device, _, _, read) => read(device),
    };

    private void Disc(string name, string? customData, bool ovfEnvironment = true)
    {
        var directory = Directory.CreateDirectory(Path.Combine(media, name)).FullName;
        if (ovfEnvironment)
        {
            File.WriteAllText(Path.Combine(directory, OvfMedia.OvfEnvironment), "<Environment/>");
        }
        if (customData is not null)
        {
            File.WriteAllText(Path.Combine(directory, OvfMedia.CustomData), customData);
        }
    }

    private byte[] Fetch(OvfMedia? cd = null)
    {
        using var fetcher = Cloud.Fetcher(log, new CloudEndpoints { AzureMetadata = new Uri(imds.BaseUrl) });
        return Cloud.Fetch(new AzureProvider { Media = cd ?? Media(["udf"]) }, fetcher, log);
    }

    [Fact]
    public void TheUserDataIsReadFromImdsAndDecodedFromBase64()
    {
        imds.UserData = AzureImdsEmulator.Bytes(Ign.Config(""));

        Assert.Equal(Ign.Config(""), System.Text.Encoding.UTF8.GetString(Fetch()));

        var request = Assert.Single(imds.Server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/metadata/instance/compute/userData?api-version=2021-01-01&format=text", request.Path);
        Assert.Equal("true", request.Header("Metadata"));
        Assert.Contains("config has been read from IMDS userData", log.Messages);
    }

    [Fact]
    public void ImdsAnswers404And410And429And5xxUntilItIsReady()
    {
        imds.UserData = AzureImdsEmulator.Bytes("{}");
        imds.Faults.Inject(AzureImdsEmulator.UserDataPath,
            Reply.NotFound(), Reply.WithStatus(410), Reply.WithStatus(429), Reply.WithStatus(503), Reply.Drop());

        Assert.Equal("{}"u8.ToArray(), Fetch());

        Assert.Equal(6, imds.UserDataRequests.Count);
        Assert.Contains(log.Messages, m => m.StartsWith("waiting for config from azure: attempt 1, last error: 404 Not Found", StringComparison.Ordinal));
        Assert.Contains(log.Messages, m => m.StartsWith("waiting for config from azure: attempt 2, last error: 410 Gone", StringComparison.Ordinal));
        Assert.Contains(log.Messages, m => m.StartsWith("waiting for config from azure: attempt 3, last error: 429 Too Many Requests", StringComparison.Ordinal));
    }

    [Fact]
    public void AStallPastTheHeaderTimeoutIsRetried()
    {
        imds.UserData = AzureImdsEmulator.Bytes("{}");
        imds.Faults.Inject(AzureImdsEmulator.UserDataPath, Reply.Hang());
        using var fetcher = Cloud.Fetcher(log, new CloudEndpoints { AzureMetadata = new Uri(imds.BaseUrl) }, headerSeconds: 1);

        Assert.Equal("{}"u8.ToArray(), Cloud.Fetch(new AzureProvider(), fetcher, log));
        Assert.Equal(2, imds.UserDataRequests.Count);
    }

    [Fact]
    public void OtherClientErrorsAreFinal()
    {
        imds.Faults.Inject(AzureImdsEmulator.UserDataPath, Reply.WithStatus(400), Reply.WithStatus(400));

        Assert.Throws<Provisioner.Engine.Resources.Http.HttpStatusException>(() => Fetch());
        Assert.Single(imds.UserDataRequests);
    }

    [Fact]
    public void UserDataThatIsNotBase64FailsTheFetch()
    {
        imds.Faults.Inject(AzureImdsEmulator.UserDataPath, Reply.Ok("{not base64}"));

        var error = Assert.Throws<StageFailedException>(() => Fetch());

        Assert.Equal("the azure user data: decoding userData: it is not valid base64", error.Message);
    }

    [Fact]
    public void ATruncatedBodyFailsTheFetch()
    {
        imds.Faults.Inject(AzureImdsEmulator.UserDataPath, Reply.Truncated("e30", 50));

        Assert.ThrowsAny<StageFailedException>(() => Fetch());
    }

    [Fact]
    public void WithoutUserDataTheCustomDataOfTheProvisioningCdIsTheConfig()
    {
        Disc("sr0", "{\"ignition\":{\"version\":\"3.4.0\"}}");

        Assert.Equal("{\"ignition\":{\"version\":\"3.4.0\"}}"u8.ToArray(), Fetch());

        Assert.Contains("the instance metadata service has no userData: looking for customData on the provisioning CD", log.Messages);
        Assert.Contains(log.Messages, m => m.StartsWith("config has been read from custom data on ", StringComparison.Ordinal));
    }

    [Fact]
    public void ADiscWithoutOvfEnvironmentIsSkippedAndOneWithoutCustomDataIsNoConfig()
    {
        Disc("sr0", "{\"not\":\"this\"}", ovfEnvironment: false);
        Disc("sr1", customData: null);

        Assert.Empty(Fetch());

        Assert.Contains(log.Messages, m => m.EndsWith("sr0 is not the provisioning CD: it has no ovf-env.xml", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheCdIsWaitedForUntilItAppears()
    {
        var cd = Media(["udf"]);
        var fetching = Task.Run(() => Fetch(cd));
        SpinWait.SpinUntil(() => log.Messages.Any(m => m.StartsWith("waiting for the provisioning CD (udf with ovf-env.xml)", StringComparison.Ordinal)), TimeSpan.FromSeconds(5));

        Disc("sr0", "{}");

        Assert.Equal("{}"u8.ToArray(), await fetching.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void AzureReadsOnlyUdfDiscsAndAzureStackIso9660Too()
    {
        Disc("sr0", "{}");

        var error = Assert.Throws<StageFailedException>(() => Fetch(Media(["udf"], fileSystem: "iso9660", limit: TimeSpan.FromMilliseconds(100))));
        Assert.StartsWith("no provisioning CD (udf with ovf-env.xml) appeared within", error.Message, StringComparison.Ordinal);

        var stack = new AzureStackProvider { Media = Media(["udf", "iso9660"], fileSystem: "iso9660") };
        using var offline = Cloud.Fetcher(log, CloudEndpoints.Real, offline: true);
        Assert.Equal("{}"u8.ToArray(), Cloud.Fetch(stack, offline, log));
    }

    [Fact]
    public void CustomDataThatIsACloudConfigIsNoConfig()
    {
        Disc("sr0", "#cloud-config\nruncmd: []\n");

        Assert.Empty(Fetch());
        Assert.Contains("the azure user data is a cloud-config, not an Ignition config: booting with an empty config, as Flatcar does", log.Messages);
    }

    [Fact]
    public void FetchOfflineNeedsTheNetwork()
    {
        using var fetcher = Cloud.Fetcher(log, new CloudEndpoints { AzureMetadata = new Uri(imds.BaseUrl) }, offline: true);

        Assert.Throws<NeedNetworkException>(() => Cloud.Fetch(new AzureProvider(), fetcher, log));
        Assert.Empty(imds.Server.Requests);
    }

    [Fact]
    public void TheRealDriveCheckRefusesWhatIsNotACdromDrive()
    {
        // /dev/null is no CD-ROM drive: the ioctl fails and the device is never mounted.
        var cd = new OvfMedia(["udf"]) { Devices = (_, _) => ["/dev/null"], Limit = TimeSpan.Zero, PollInterval = TimeSpan.Zero };

        Assert.Throws<StageFailedException>(() => cd.Read(new Log(log)));
        Assert.Contains("drive status of /dev/null: unknown (not a CD-ROM drive?)", log.Messages);
    }
}
