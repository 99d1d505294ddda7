namespace Provisioner.Config.Model;

/// <summary>IBM Crypto Express key for a LUKS volume (s390x).</summary>
public sealed class Cex
{
    public bool? Enabled { get; set; }
}
