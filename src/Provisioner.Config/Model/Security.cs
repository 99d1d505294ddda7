namespace Provisioner.Config.Model;

/// <summary>Security settings for fetching resources.</summary>
public sealed class Security
{
    public Tls Tls { get; set; } = new();
}
