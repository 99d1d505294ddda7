namespace Provisioner.Config.Model;

/// <summary>How to check fetched bytes: <c>sha512-HEX</c> or <c>sha256-HEX</c>.</summary>
public sealed class Verification
{
    public string? Hash { get; set; }
}
