namespace Provisioner.Config.Model;

/// <summary>A systemd unit: its contents, drop-ins, and whether it is enabled or masked.</summary>
public sealed class Unit
{
    public string? Contents { get; set; }

    public List<Dropin> Dropins { get; set; } = [];

    public bool? Enabled { get; set; }

    public bool? Mask { get; set; }

    public string Name { get; set; } = "";
}
