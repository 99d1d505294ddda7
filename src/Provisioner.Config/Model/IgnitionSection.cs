namespace Provisioner.Config.Model;

/// <summary>The <c>ignition</c> object: version, referenced configs, fetch settings.</summary>
public sealed class IgnitionSection
{
    public IgnitionConfig Config { get; set; } = new();

    public Proxy Proxy { get; set; } = new();

    public Security Security { get; set; } = new();

    public Timeouts Timeouts { get; set; } = new();

    public string Version { get; set; } = "";
}
