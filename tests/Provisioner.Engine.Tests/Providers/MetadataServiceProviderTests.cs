using System.IO.Compression;
using System.Text;
using Provisioner.Engine.Providers;
using Provisioner.Engine.Resources;
using Provisioner.Engine.Tests.Emulation;

namespace Provisioner.Engine.Tests.Providers;

/// <summary>
/// The platforms whose config is one GET on a metadata service, against a loopback emulator of each: the
/// path, the headers the service insists on, its "no user data" answer, its encoding, a 5xx burst, offline.
/// </summary>
public sealed class MetadataServiceProviderTests : IDisposable
{
    private const string Config = """{"ignition":{"version":"3.4.0"}}""";

    private readonly LoopbackHttpServer server = new();
    private readonly ProviderTestKit kit = new();

    public void Dispose()
    {
        server.Dispose();
        kit.Dispose();
    }

    /// <summary>Platform, its user data path, whether a 404 is no config, how the body is encoded, a header the service requires.</summary>
    public static TheoryData<string, string, bool, string, string?> Platforms => new()
    {
        { "digitalocean", "/metadata/v1/user-data", false, "raw", null },
        { "hetzner", "/hetzner/v1/userdata", true, "raw", null },
        { "vultr", "/user-data/user-data", true, "raw", null },
        { "exoscale", "/1.0/user-data", true, "raw", null },
        { "aliyun", "/latest/user-data", true, "raw", null },
        { "upcloud", "/metadata/v1/user_data", true, "raw", null },
        { "oraclecloud", "/opc/v2/instance/metadata/user_data", true, "base64", "Authorization: Bearer Oracle" },
        { "packet", "/userdata", false, "raw", "Accept: */*" },
        { "scaleway", "/user_data/cloud-init", true, "raw", null },
    };

    [Theory]
    [MemberData(nameof(Platforms))]
    public void TheConfigIsTheBodyOfOneGetOnThePlatformsPath(string platform, string path, bool notFoundIsEmpty, string encoding, string? header)
    {
        _ = notFoundIsEmpty;
        server.Handle(path, (request, _) => Refuses(request, header) ?? Reply.Ok(Encode(Config, encoding)));

        var data = Provider(platform).Fetch(kit.Context);

        Assert.Equal(Config, Encoding.UTF8.GetString(data));
        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal(path, request.Path);
        Assert.StartsWith("Ignition/", request.Header("User-Agent"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public void A404IsNoConfigOrFatalAsThePlatformSays(string platform, string path, bool notFoundIsEmpty, string encoding, string? header)
    {
        _ = (encoding, header);
        server.Serve(path, Reply.NotFound());

        if (notFoundIsEmpty)
        {
            Assert.Empty(Provider(platform).Fetch(kit.Context));
        }
        else
        {
            var e = Assert.Throws<ResourceNotFoundException>(() => Provider(platform).Fetch(kit.Context));
            Assert.Contains("404", e.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public void A5xxBurstIsRetriedUntilTheServiceAnswers(string platform, string path, bool notFoundIsEmpty, string encoding, string? header)
    {
        _ = (notFoundIsEmpty, header);
        server.Serve(path, Reply.WithStatus(503), Reply.WithStatus(500), Reply.Ok(Encode(Config, encoding)));

        Assert.Equal(Config, Encoding.UTF8.GetString(Provider(platform).Fetch(kit.Context)));
        Assert.Equal(3, server.RequestsTo(path).Count);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public void OfflineTheNetworkIsNeededAndNothingIsAsked(string platform, string path, bool notFoundIsEmpty, string encoding, string? header)
    {
        _ = (path, notFoundIsEmpty, encoding, header);
        using var offline = new ProviderTestKit(offline: true);

        Assert.Throws<NeedNetworkException>(() => Provider(platform).Fetch(offline.Context));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void TheProductionAddressesAreThePlatformsOwn()
    {
        Assert.Equal("http://169.254.169.254/metadata/v1/user-data", new DigitalOceanProvider().UserDataUrl.OriginalString);
        Assert.Equal("http://169.254.169.254/hetzner/v1/userdata", new HetznerProvider().UserDataUrl.OriginalString);
        Assert.Equal("http://169.254.169.254/user-data/user-data", new VultrProvider().UserDataUrl.OriginalString);
        Assert.Equal("http://169.254.169.254/1.0/user-data", new ExoscaleProvider().UserDataUrl.OriginalString);
        Assert.Equal("http://100.100.100.200/latest/user-data", new AliyunProvider().UserDataUrl.OriginalString);
        Assert.Equal("http://169.254.169.254/metadata/v1/user_data", new UpCloudProvider().UserDataUrl.OriginalString);
        Assert.Equal("http://169.254.169.254/opc/v2/instance/metadata/user_data", new OracleCloudProvider().UserDataUrl.OriginalString);
        Assert.Equal("https://metadata.packet.net/userdata", new PacketProvider().UserDataUrl.OriginalString);
        Assert.Equal("http://169.254.42.42/user_data/cloud-init", new ScalewayProvider().UserDataUrl.OriginalString);
        Assert.Equal("http://169.254.169.254/v1/user-data", new AkamaiProvider().UserDataUrl.OriginalString);
        Assert.Equal("http://169.254.169.254/v1/token", AkamaiProvider.TokenUrl.OriginalString);
    }

    [Fact]
    public void OracleRetries429AndAnEmptyBodyIsNoConfig()
    {
        server.Serve("/opc/v2/instance/metadata/user_data", Reply.WithStatus(429), Reply.Ok(""));

        Assert.Empty(Provider("oraclecloud").Fetch(kit.Context));
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public void OracleUserDataThatIsNotBase64FailsClearly()
    {
        server.Serve("/opc/v2/instance/metadata/user_data", Reply.Ok("{not base64}"));

        var e = Assert.Throws<StageFailedException>(() => Provider("oraclecloud").Fetch(kit.Context));
        Assert.Contains("not valid base64", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScalewayAsksFromAPrivilegedSourcePort()
    {
        server.Handle("/user_data/cloud-init", (request, _) =>
            request.RemotePort is > 0 and < 1024 ? Reply.Ok(Config) : Reply.WithStatus(403, "source port must be privileged"));

        Assert.Equal(Config, Encoding.UTF8.GetString(Provider("scaleway").Fetch(kit.Context)));
        Assert.InRange(Assert.Single(server.Requests).RemotePort, 1, 1022);
    }

    [Fact]
    public void PacketIsRefused406WithIgnitionsDefaultAcceptSoItSendsItsOwn()
    {
        server.Handle("/userdata", (request, _) => request.Header("Accept") == "*/*" ? Reply.Ok(Config) : Reply.WithStatus(406));

        Assert.Equal(Config, Encoding.UTF8.GetString(Provider("packet").Fetch(kit.Context)));
    }

    [Fact]
    public void AkamaiGetsATokenThenTheBase64UserDataWithIt()
    {
        ServeAkamai(Convert.ToBase64String(Encoding.UTF8.GetBytes(Config)));

        Assert.Equal(Config, Encoding.UTF8.GetString(Provider("akamai").Fetch(kit.Context)));

        var token = Assert.Single(server.RequestsTo("/v1/token"));
        Assert.Equal("PUT", token.Method);
        Assert.Equal("300", token.Header("Metadata-Token-Expiry-Seconds"));
        Assert.Equal("text/plain", token.Header("Accept"));
        var data = Assert.Single(server.RequestsTo("/v1/user-data"));
        Assert.Equal("GET", data.Method);
        Assert.Equal("the-token", data.Header("Metadata-Token"));
        Assert.DoesNotContain("the-token", kit.Log.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public void AkamaiGunzipsGzippedUserData()
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Config));
        }
        ServeAkamai(Convert.ToBase64String(packed.ToArray()));

        Assert.Equal(Config, Encoding.UTF8.GetString(Provider("akamai").Fetch(kit.Context)));
    }

    [Fact]
    public void AkamaiRetriesTheTokenAfterA5xx()
    {
        ServeAkamai(Convert.ToBase64String(Encoding.UTF8.GetBytes(Config)));
        server.Serve("/v1/token", Reply.WithStatus(502), Reply.Ok("the-token\n"));

        Assert.Equal(Config, Encoding.UTF8.GetString(Provider("akamai").Fetch(kit.Context)));
        Assert.Equal(2, server.RequestsTo("/v1/token").Count);
    }

    [Fact]
    public void AkamaiFailsOnAnEmptyTokenAndOnA404()
    {
        server.Serve("/v1/token", Reply.Ok("  \n"));
        var empty = Assert.Throws<StageFailedException>(() => Provider("akamai").Fetch(kit.Context));
        Assert.Contains("empty token", empty.Message, StringComparison.Ordinal);

        ServeAkamai(null);
        Assert.Throws<ResourceNotFoundException>(() => Provider("akamai").Fetch(kit.Context));
    }

    [Fact]
    public void AkamaiOfflineNeedsTheNetwork()
    {
        using var offline = new ProviderTestKit(offline: true);

        Assert.Throws<NeedNetworkException>(() => Provider("akamai").Fetch(offline.Context));
        Assert.Empty(server.Requests);
    }

    /// <summary>Linode's service: a token by PUT only, required on user data, and 406 for Ignition's default Accept.</summary>
    private void ServeAkamai(string? userData)
    {
        server.Handle("/v1/token", (request, _) => request.Method != "PUT" ? Reply.WithStatus(405)
            : request.Header("Metadata-Token-Expiry-Seconds") is null ? Reply.WithStatus(400)
            : Reply.Ok("the-token\n"));
        server.Handle("/v1/user-data", (request, _) =>
            request.Header("Metadata-Token") != "the-token" ? Reply.WithStatus(401)
            : request.Header("Accept") != "*/*" ? Reply.WithStatus(406)
            : userData is null ? Reply.NotFound() : Reply.Ok(userData));
    }

    private IPlatformProvider Provider(string platform)
    {
        var baseUrl = new Uri(server.Url("/"));
        return platform switch
        {
            "digitalocean" => new DigitalOceanProvider { BaseUrl = baseUrl },
            "hetzner" => new HetznerProvider { BaseUrl = baseUrl },
            "vultr" => new VultrProvider { BaseUrl = baseUrl },
            "exoscale" => new ExoscaleProvider { BaseUrl = baseUrl },
            "aliyun" => new AliyunProvider { BaseUrl = baseUrl },
            "upcloud" => new UpCloudProvider { BaseUrl = baseUrl },
            "oraclecloud" => new OracleCloudProvider { BaseUrl = baseUrl },
            "packet" => new PacketProvider { BaseUrl = baseUrl },
            "scaleway" => new ScalewayProvider { BaseUrl = baseUrl },
            "akamai" => new AkamaiProvider { BaseUrl = baseUrl },
            _ => throw new ArgumentException(platform),
        };
    }

    private static Reply? Refuses(RecordedRequest request, string? header)
    {
        if (header is null)
        {
            return null;
        }
        var colon = header.IndexOf(':', StringComparison.Ordinal);
        var expected = header[(colon + 2)..];
        // What each service says without its header: Oracle's IMDSv2 401, Packet's 406.
        return request.Header(header[..colon]) == expected ? null : Reply.WithStatus(header.StartsWith("Accept", StringComparison.Ordinal) ? 406 : 401);
    }

    private static string Encode(string config, string encoding) =>
        encoding == "base64" ? Convert.ToBase64String(Encoding.UTF8.GetBytes(config)) : config;
}
