using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Provisioner.Engine.Tests.Emulation;

/// <summary>
/// A throwaway certificate authority and a server certificate it signed, for 127.0.0.1 and the given DNS
/// names, made in memory for one test: no system store is touched.
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    public TestCertificates(params string[] dnsNames)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Provisioner Test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        Authority = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        foreach (var name in dnsNames)
        {
            names.AddDnsName(name);
        }
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var signed = serverRequest.Create(Authority, now.AddDays(-1), now.AddDays(29), RandomNumberGenerator.GetBytes(8));
        Server = signed.CopyWithPrivateKey(serverKey);
    }

    /// <summary>The CA, with its private key (not needed by anyone but harmless in a test).</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>The server certificate, with its private key, for <see cref="LoopbackHttpServer"/>.</summary>
    public X509Certificate2 Server { get; }

    /// <summary>The CA as a PEM bundle, as a config's certificateAuthorities hold it.</summary>
    public string AuthorityPem => Authority.ExportCertificatePem() + "\n";

    public void Dispose()
    {
        Authority.Dispose();
        Server.Dispose();
    }
}
