namespace Provisioner.Config.Model;

/// <summary>Extra certificate authorities trusted for HTTPS.</summary>
public sealed class Tls
{
    public List<Resource> CertificateAuthorities { get; set; } = [];
}
