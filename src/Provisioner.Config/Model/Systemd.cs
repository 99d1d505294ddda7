namespace Provisioner.Config.Model;

/// <summary>systemd units.</summary>
public sealed class Systemd
{
    public List<Unit> Units { get; set; } = [];
}
