namespace Provisioner.Config.Model;

/// <summary>The whole config, in the shape of the newest spec; older versions fill the subset they have.</summary>
public sealed class Configuration
{
    public IgnitionSection Ignition { get; set; } = new();

    public KernelArguments KernelArguments { get; set; } = new();

    public Passwd Passwd { get; set; } = new();

    public Storage Storage { get; set; } = new();

    public Systemd Systemd { get; set; } = new();
}
