namespace Provisioner.Config.Model;

/// <summary>A software RAID array built with mdadm.</summary>
public sealed class Raid
{
    public List<string> Devices { get; set; } = [];

    public string? Level { get; set; }

    public string Name { get; set; } = "";

    public List<string> Options { get; set; } = [];

    public long? Spares { get; set; }
}
