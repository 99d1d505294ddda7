using System.Text;
using Provisioner.Config.Model;
using Provisioner.Engine.Tests.Emulation;
using Provisioner.Engine.Tests.Logging;
using Provisioner.Engine.Tests.Stages;

namespace Provisioner.Engine.Tests.Resources;

/// <summary>ignition.security.tls.certificateAuthorities against a TLS loopback server signed by a CA made in the test.</summary>
public sealed class CertificateAuthorityTests : IDisposable
{
    private readonly TestCertificates certificates = new();
    private readonly LoopbackHttpServer server;
    private readonly ListLogSink log = new();

    public CertificateAuthorityTests()
    {
        server = new LoopbackHttpServer(certificates.Server).Serve("/secret", Reply.Ok("over TLS"));
    }

    public void Dispose()
    {
        server.Dispose();
        certificates.Dispose();
    }

    [Fact]
    public void AServerSignedByAnUnknownCaIsRefusedAndRetriedUntilHttpTotal()
    {
        using var fetcher = Fast.Bounded(log, seconds: 1);

        var e = Assert.Throws<StageFailedException>(() => fetcher.Fetch(Fast.Resource(server.Url("/secret")), "test"));

        Assert.Contains("last error: TLS: ", e.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void TheConfigsCaFromADataUrlIsTrusted()
    {
        using var fetcher = Fast.Fetcher(log);
        fetcher.Configure(WithAuthorities(Fast.Resource(Ign.Data(certificates.AuthorityPem))));

        Assert.Equal("over TLS", Encoding.UTF8.GetString(fetcher.Fetch(Fast.Resource(server.Url("/secret")), "test")));
        Assert.Contains("adding \"Provisioner Test CA\" to the trusted certificate authorities", log.Messages);
    }

    [Fact]
    public void TheCaBundleIsItselfAResourceFetchedOverHttpAndVerified()
    {
        using var plain = new LoopbackHttpServer().Serve("/ca.pem", Reply.Ok(Ign.Gzip(certificates.AuthorityPem)));
        using var fetcher = Fast.Fetcher(log);
        fetcher.Configure(WithAuthorities(Fast.Resource(plain.Url("/ca.pem"), Ign.Sha512(certificates.AuthorityPem), "gzip")));
        fetcher.Configure(WithAuthorities(Fast.Resource(plain.Url("/ca.pem"), Ign.Sha512(certificates.AuthorityPem), "gzip")));

        Assert.Equal("over TLS", Encoding.UTF8.GetString(fetcher.Fetch(Fast.Resource(server.Url("/secret")), "test")));
        Assert.Single(plain.Requests);
    }

    [Fact]
    public void ALaterConfigWithoutCasKeepsTheOnesAlreadyTrusted()
    {
        using var fetcher = Fast.Fetcher(log);
        fetcher.Configure(WithAuthorities(Fast.Resource(Ign.Data(certificates.AuthorityPem))));
        fetcher.Configure(new IgnitionSection());

        Assert.Equal("over TLS", Encoding.UTF8.GetString(fetcher.Fetch(Fast.Resource(server.Url("/secret")), "test")));
    }

    [Fact]
    public void ANameTheCertificateDoesNotCoverIsRefusedEvenWithTheCa()
    {
        using var fetcher = Fast.Fetcher(log);
        var ignition = WithAuthorities(Fast.Resource(Ign.Data(certificates.AuthorityPem)));
        ignition.Timeouts.HttpTotal = 3; // long enough for a handshake to fail on a busy machine, not only time out
        fetcher.Configure(ignition);

        var e = Assert.Throws<StageFailedException>(() => fetcher.Fetch(Fast.Resource($"https://localhost:{server.Port}/secret"), "test"));

        Assert.Contains("last error: TLS: ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a pem at all\n", "unable to decode PEM block")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "the PEM block \"PRIVATE KEY\" is not a certificate")]
    public void ABundleThatIsNotCertificatesFailsConfiguration(string bundle, string expected)
    {
        using var fetcher = Fast.Fetcher(log);

        var e = Assert.Throws<StageFailedException>(() => fetcher.Configure(WithAuthorities(Fast.Resource(Ign.Data(bundle)))));

        Assert.Equal($"certificate authority 0 (data:;base64,…): {expected}", e.Message);
    }

    [Fact]
    public void InliningRewritesEachCaAsADataUrlOfItsBytes()
    {
        using var plain = new LoopbackHttpServer().Serve("/ca.pem", Reply.Ok(Ign.Gzip(certificates.AuthorityPem)));
        using var fetcher = Fast.Fetcher(log);
        var ignition = WithAuthorities(Fast.Resource(plain.Url("/ca.pem"), compression: "gzip", headers: [("X-Auth", "t")]));
        fetcher.Configure(ignition);

        fetcher.InlineCertificateAuthorities(ignition);

        var inlined = ignition.Security.Tls.CertificateAuthorities.Single();
        Assert.Equal(Ign.Data(certificates.AuthorityPem), inlined.Source);
        Assert.Null(inlined.Compression);
        Assert.Empty(inlined.HttpHeaders);
        Assert.Single(plain.Requests);
    }

    private static IgnitionSection WithAuthorities(params Resource[] authorities) =>
        new() { Security = { Tls = { CertificateAuthorities = [.. authorities] } } };
}
