namespace Provisioner.Config.Model;

/// <summary>Clevis bindings that unlock a LUKS volume automatically.</summary>
public sealed class Clevis
{
    public ClevisCustom Custom { get; set; } = new();

    public List<Tang> Tang { get; set; } = [];

    public long? Threshold { get; set; }

    public bool? Tpm2 { get; set; }
}
