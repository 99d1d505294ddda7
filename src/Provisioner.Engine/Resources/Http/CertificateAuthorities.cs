using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Provisioner.Engine.Resources.Http;

/// <summary>
/// <c>ignition.security.tls.certificateAuthorities</c>: PEM bundles read as Ignition reads them (every
/// block must be a certificate; anything else fails), and the check that trusts a server whose chain
/// ends in one of them as well as one the system store trusts.
/// </summary>
public static class CertificateAuthorities
{
    /// <summary>The certificates of a PEM bundle; <paramref name="what"/> names the bundle in errors.</summary>
    public static List<X509Certificate2> ParseBundle(byte[] bundle, string what)
    {
        var text = Encoding.UTF8.GetString(bundle).AsSpan();
        var certificates = new List<X509Certificate2>();
        while (!text.IsWhiteSpace())
        {
            if (!PemEncoding.TryFind(text, out var fields) || !text[..fields.Location.Start].IsWhiteSpace())
            {
                throw new StageFailedException($"{what}: unable to decode PEM block");
            }
            var label = text[fields.Label];
            if (!label.SequenceEqual("CERTIFICATE"))
            {
                throw new StageFailedException($"{what}: the PEM block \"{label}\" is not a certificate");
            }
            var der = Convert.FromBase64String(text[fields.Base64Data].ToString());
            try
            {
                certificates.Add(X509CertificateLoader.LoadCertificate(der));
            }
            catch (CryptographicException e)
            {
                throw new StageFailedException($"{what}: a certificate cannot be parsed: {e.Message}");
            }
            text = text[fields.Location.End..];
        }
        return certificates;
    }

    /// <summary>
    /// The server check: what the system trusts passes as usual; a chain the system does not trust passes
    /// if it builds to one of <paramref name="authorities"/>. A name mismatch never passes. Why a
    /// certificate is refused goes to <paramref name="rejected"/>, for the error the fetch reports.
    /// </summary>
    public static RemoteCertificateValidationCallback Validator(IReadOnlyList<X509Certificate2> authorities, Action<string> rejected) =>
        (_, certificate, chain, errors) =>
        {
            if (errors == SslPolicyErrors.None)
            {
                return true;
            }
            if (certificate is not X509Certificate2 leaf || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            {
                rejected("the server sent no certificate");
                return false;
            }
            if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            {
                rejected($"the certificate ({leaf.Subject}) is not for this host name");
                return false;
            }
            if (authorities.Count > 0)
            {
                using var custom = new X509Chain();
                custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                custom.ChainPolicy.CustomTrustStore.AddRange(authorities.ToArray());
                if (chain is not null)
                {
                    custom.ChainPolicy.ExtraStore.AddRange(chain.ChainPolicy.ExtraStore);
                    foreach (var element in chain.ChainElements)
                    {
                        custom.ChainPolicy.ExtraStore.Add(element.Certificate);
                    }
                }
                if (custom.Build(leaf))
                {
                    return true;
                }
            }
            var status = chain is null ? "" : string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct());
            rejected($"the certificate ({leaf.Subject}) does not chain to a trusted authority{(status.Length == 0 ? "" : $" ({status})")}");
            return false;
        };
}
