namespace Provisioner.Config.Model;

/// <summary>A Tang server for a clevis binding.</summary>
public sealed class Tang
{
    public string? Advertisement { get; set; }

    public string? Thumbprint { get; set; }

    public string Url { get; set; } = "";
}
