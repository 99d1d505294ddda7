using System.Net;
using System.Text;
using Provisioner.Config.Model;
using Provisioner.Engine.Resources.Http;
using Provisioner.Engine.Tests.Emulation;
using Provisioner.Engine.Tests.Logging;

namespace Provisioner.Engine.Tests.Resources;

/// <summary>ignition.proxy: which URLs go through which proxy (Go's httpproxy rules), and a real fetch through a loopback proxy.</summary>
public sealed class ConfigProxyTests
{
    private static readonly Proxy Both = new()
    {
        HttpProxy = "http://proxy.example:3128",
        HttpsProxy = "secure-proxy.example:3129",
        NoProxy = ["internal.example", ".corp.example", "10.0.0.0/8", "192.0.2.7", "bare.example:8080", "*.wild.example"],
    };

    [Theory]
    [InlineData("http://files.example/x", "http://proxy.example:3128/")]
    [InlineData("https://files.example/x", "http://secure-proxy.example:3129/")]
    [InlineData("http://internal.example/x", null)]
    [InlineData("http://www.internal.example/x", null)]
    [InlineData("http://corp.example/x", "http://proxy.example:3128/")]
    [InlineData("http://a.corp.example/x", null)]
    [InlineData("http://10.1.2.3/x", null)]
    [InlineData("http://11.1.2.3/x", "http://proxy.example:3128/")]
    [InlineData("http://192.0.2.7/x", null)]
    [InlineData("http://bare.example:8080/x", null)]
    [InlineData("http://bare.example/x", "http://proxy.example:3128/")]
    [InlineData("http://a.wild.example/x", null)]
    [InlineData("http://localhost:8080/x", null)]
    [InlineData("http://127.0.0.1/x", null)]
    [InlineData("http://[::1]/x", null)]
    public void EachUrlGoesThroughTheProxyOfItsSchemeUnlessExempt(string url, string? expected)
    {
        Assert.Equal(expected, new ConfigProxy(Both).GetProxy(new Uri(url))?.ToString());
    }

    [Fact]
    public void HttpsHasNoFallbackToTheHttpProxy()
    {
        var proxy = new ConfigProxy(new Proxy { HttpProxy = "http://proxy.example:3128" });

        Assert.Null(proxy.GetProxy(new Uri("https://files.example/x")));
        Assert.True(proxy.Any);
    }

    [Fact]
    public void AStarInNoProxyExemptsEverything()
    {
        var proxy = new ConfigProxy(new Proxy { HttpProxy = "http://proxy.example:3128", NoProxy = ["*"] });

        Assert.Null(proxy.GetProxy(new Uri("http://files.example/x")));
    }

    [Fact]
    public void TheProxyUrlsUserInfoIsItsCredentials()
    {
        var proxy = new ConfigProxy(new Proxy { HttpProxy = "http://me:p%40ss@proxy.example:3128" });

        var credential = proxy.Credentials!.GetCredential(proxy.GetProxy(new Uri("http://files.example/x"))!, "Basic");

        Assert.Equal(("me", "p@ss"), (credential?.UserName, credential?.Password));
    }

    [Fact]
    public void AnHttpFetchGoesThroughTheConfigsProxy()
    {
        using var server = new LoopbackHttpServer().Serve("/motd", Reply.Ok("via proxy"));
        using var proxy = new LoopbackProxy(server.Port);
        var log = new ListLogSink();
        using var fetcher = Fast.Fetcher(log);
        fetcher.Configure(new IgnitionSection { Proxy = { HttpProxy = proxy.Url } });

        var data = fetcher.Fetch(Fast.Resource("http://files.example/motd"), "test");

        Assert.Equal("via proxy", Encoding.UTF8.GetString(data));
        Assert.Equal(["GET http://files.example/motd HTTP/1.1"], proxy.RequestLines);
        Assert.Equal("http://files.example/motd", server.Requests.Single().Target);
    }

    [Fact]
    public void AnHttpsFetchTunnelsThroughTheHttpsProxyAndTrustsTheConfigsCa()
    {
        using var certificates = new TestCertificates("files.example");
        using var server = new LoopbackHttpServer(certificates.Server).Serve("/motd", Reply.Ok("tunnelled"));
        using var proxy = new LoopbackProxy(server.Port);
        var log = new ListLogSink();
        using var fetcher = Fast.Fetcher(log);
        fetcher.Configure(new IgnitionSection
        {
            Proxy = { HttpsProxy = proxy.Url },
            Security = { Tls = { CertificateAuthorities = [Fast.Resource(Stages.Ign.Data(certificates.AuthorityPem))] } },
        });

        var data = fetcher.Fetch(Fast.Resource("https://files.example/motd"), "test");

        Assert.Equal("tunnelled", Encoding.UTF8.GetString(data));
        Assert.Equal(["CONNECT files.example:443 HTTP/1.1"], proxy.RequestLines);
    }

    [Fact]
    public void WithoutAConfigProxyTheEnvironmentsIsNotUsed()
    {
        using var server = new LoopbackHttpServer().Serve("/x", Reply.Ok("direct"));
        var handler = new ConfigProxy(new Proxy());

        Assert.False(handler.Any);
        Assert.Null(handler.GetProxy(new Uri(server.Url("/x"))));
        Assert.NotSame(WebRequest.DefaultWebProxy, handler);
    }
}
