namespace Provisioner.Config.Model;

/// <summary>A LUKS2 volume.</summary>
public sealed class Luks
{
    public Cex Cex { get; set; } = new();

    public Clevis Clevis { get; set; } = new();

    public string? Device { get; set; }

    public bool? Discard { get; set; }

    public Resource KeyFile { get; set; } = new();

    public string? Label { get; set; }

    public string Name { get; set; } = "";

    public List<string> OpenOptions { get; set; } = [];

    public List<string> Options { get; set; } = [];

    public string? Uuid { get; set; }

    public bool? WipeVolume { get; set; }
}
