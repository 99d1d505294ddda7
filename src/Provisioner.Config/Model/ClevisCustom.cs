namespace Provisioner.Config.Model;

/// <summary>A clevis binding given as a raw pin and its JSON config.</summary>
public sealed class ClevisCustom
{
    public string? Config { get; set; }

    public bool? NeedsNetwork { get; set; }

    public string? Pin { get; set; }
}
