namespace Provisioner.Config.Model;

/// <summary>A drop-in for a systemd unit, written to <c>NAME.d/</c>.</summary>
public sealed class Dropin
{
    public string? Contents { get; set; }

    public string Name { get; set; } = "";
}
