using Provisioner.Engine.Fetching;
using Provisioner.Engine.Tests.Emulation;
using Provisioner.Engine.Tests.Stages;

namespace Provisioner.Engine.Tests.Fetching;

/// <summary>
/// Configs over the network through <see cref="StageRunner"/>: the kernel command line's URL, merge and
/// replace references over http, their HTTP settings, the guard against loops, CAs cached inline.
/// </summary>
public sealed class RemoteConfigTests : IDisposable
{
    private readonly EngineRun _run = new();
    private readonly LoopbackHttpServer _server = new();

    public void Dispose()
    {
        _server.Dispose();
        _run.Dispose();
    }

    [Fact]
    public void AConfigUrlOnTheCommandLineIsFetchedOnlineAndItsFilesApplied()
    {
        _server.Serve("/node.ign", Reply.Ok(Ign.Config($$""" "storage": { "files": [ { "path": "/etc/from-url", "contents": { "source": "{{Ign.Data("url\n")}}" } } ] } """)));
        _run.Cmdline($"ignition.platform.id=metal ignition.config.url={_server.Url("/node.ign")}\n");

        _run.Run(Stage.FetchOffline, platform: "metal");
        Assert.True(File.Exists(_run.NeedNetPath));
        Assert.Empty(_server.Requests);
        _run.Run(Stage.Fetch, platform: "metal");
        _run.Run(Stage.Files, platform: "metal");

        Assert.Equal("url\n", _run.Read("/etc/from-url"));
        Assert.Equal("application/vnd.coreos.ignition+json;version=3.6.0, */*;q=0.1", _server.Requests.Single().Header("Accept"));
        Assert.Equal("cmdline", (string?)_run.State()["fetchedConfigs"]![0]!["source"]);
    }

    [Fact]
    public void TheFetchTimeoutBoundsTheCommandLineConfig()
    {
        _server.Serve("/node.ign", Reply.WithStatus(503));
        _run.Cmdline($"ignition.config.url={_server.Url("/node.ign")}\n");
        _run.FetchTimeout = TimeSpan.FromSeconds(1);

        var message = _run.Fails(Stage.Fetch, platform: "metal").Message;

        Assert.StartsWith($"the config at ignition.config.url ({_server.Url("/node.ign")}): GET {_server.Url("/node.ign")}: unable to fetch resource in time (httpTotal 1 s, ", message, StringComparison.Ordinal);
        Assert.False(File.Exists(_run.CachePath));
    }

    [Fact]
    public void MergedAndReplacingConfigsComeOverHttpWithTheirHeadersAndHashes()
    {
        var replacement = Ign.Config(""" "storage": { "files": [ { "path": "/etc/replaced" } ] } """);
        var child = Ign.Config($$"""
            "ignition": { "version": "{{Ign.Version}}", "config": { "replace": { "source": "{{_server.Url("/replacement.ign")}}", "verification": { "hash": "{{Ign.Sha512(replacement)}}" } } } }
            """).Replace("{\"ignition\":{\"version\":\"" + Ign.Version + "\"},", "{", StringComparison.Ordinal);
        _server.Serve("/child.ign", Reply.Ok(child));
        _server.Serve("/replacement.ign", Reply.Ok(replacement));
        _run.Config($$"""
            { "ignition": { "version": "{{Ign.Version}}", "config": { "merge": [ { "source": "{{_server.Url("/child.ign")}}", "httpHeaders": [ { "name": "X-Node", "value": "n1" } ] } ] } },
              "storage": { "files": [ { "path": "/etc/parent" } ] } }
            """);

        _run.Run(Stage.FetchOffline);
        Assert.True(File.Exists(_run.NeedNetPath));
        Assert.Empty(_server.Requests);
        _run.Run(Stage.Fetch);
        _run.Run(Stage.Files);

        Assert.True(File.Exists(_run.InRoot("/etc/parent")));
        Assert.True(File.Exists(_run.InRoot("/etc/replaced")));
        Assert.Equal("n1", _server.RequestsTo("/child.ign").Single().Header("X-Node"));
        Assert.False(_server.RequestsTo("/replacement.ign").Single().Has("X-Node"));
    }

    [Fact]
    public void AConfigThatReferencesItselfFailsNamingTheLoop()
    {
        var self = _server.Url("/self.ign");
        _server.Serve("/self.ign", Reply.Ok($$"""{ "ignition": { "version": "{{Ign.Version}}", "config": { "merge": [ { "source": "{{self}}" } ] } } }"""));
        _run.Config($$"""{ "ignition": { "version": "{{Ign.Version}}", "config": { "merge": [ { "source": "{{self}}" } ] } } }""");

        var message = _run.Fails(Stage.Fetch).Message;

        Assert.Equal($"the config referenced at ignition.config.merge.0 ({self}) references itself: {self} -> {self}", message);
        Assert.Single(_server.Requests);
        Assert.False(File.Exists(_run.CachePath));
    }

    [Fact]
    public void AChainOfEverNewReferencesStopsAtTheDepthLimit()
    {
        _server.Handle("/chain", (request, n) => Reply.Ok($$"""
            { "ignition": { "version": "{{Ign.Version}}", "config": { "replace": { "source": "{{_server.Url($"/chain?{n + 1}")}}" } } } }
            """));
        _run.Config($$"""{ "ignition": { "version": "{{Ign.Version}}", "config": { "replace": { "source": "{{_server.Url("/chain?0")}}" } } } }""");

        var message = _run.Fails(Stage.Fetch).Message;

        Assert.EndsWith($"is nested deeper than {ConfigRenderer.MaxDepth} levels of referenced configs", message, StringComparison.Ordinal);
        Assert.Equal(ConfigRenderer.MaxDepth, _server.Requests.Count);
    }

    [Fact]
    public void AReferencedConfigsHttpTotalAppliesToItsOwnReferences()
    {
        _server.Serve("/child.ign", Reply.Ok($$"""
            { "ignition": { "version": "{{Ign.Version}}", "timeouts": { "httpTotal": 1 }, "config": { "merge": [ { "source": "{{_server.Url("/down.ign")}}" } ] } } }
            """));
        _server.Serve("/down.ign", Reply.WithStatus(500));
        _run.Config($$"""{ "ignition": { "version": "{{Ign.Version}}", "config": { "merge": [ { "source": "{{_server.Url("/child.ign")}}" } ] } } }""");

        var message = _run.Fails(Stage.Fetch).Message;

        Assert.Contains("unable to fetch resource in time (httpTotal 1 s, ", message, StringComparison.Ordinal);
        Assert.True(_server.RequestsTo("/down.ign").Count > 3);
    }

    [Fact]
    public void ARemoteCaIsFetchedOnlineTrustedForHttpsAndCachedAsADataUrl()
    {
        using var certificates = new TestCertificates();
        using var tls = new LoopbackHttpServer(certificates.Server).Serve("/motd", Reply.Ok("trusted\n"));
        _server.Serve("/ca.pem", Reply.Ok(certificates.AuthorityPem));
        _run.Config($$"""
            { "ignition": { "version": "{{Ign.Version}}", "security": { "tls": { "certificateAuthorities": [ { "source": "{{_server.Url("/ca.pem")}}" } ] } } },
              "storage": { "files": [ { "path": "/etc/motd", "contents": { "source": "{{tls.Url("/motd")}}" } } ] } }
            """);

        _run.Run(Stage.FetchOffline);
        Assert.True(File.Exists(_run.NeedNetPath));
        Assert.False(File.Exists(_run.CachePath));
        _run.Run(Stage.Fetch);
        _run.Run(Stage.Files);

        Assert.Equal("trusted\n", _run.Read("/etc/motd"));
        Assert.Equal(Ign.Data(certificates.AuthorityPem), ConfigCache.Read(_run.CachePath).Ignition.Security.Tls.CertificateAuthorities.Single().Source);
        Assert.Single(_server.RequestsTo("/ca.pem"));
    }

    [Fact]
    public void FetchOfflineWithAnHttpReferenceSignalsTheNetworkWithoutFetching()
    {
        _run.Config($$"""{ "ignition": { "version": "{{Ign.Version}}", "config": { "replace": { "source": "{{_server.Url("/x.ign")}}" } } } }""");

        _run.Run(Stage.FetchOffline);

        Assert.True(File.Exists(_run.NeedNetPath));
        Assert.False(File.Exists(_run.CachePath));
        Assert.Empty(_server.Requests);
    }
}
