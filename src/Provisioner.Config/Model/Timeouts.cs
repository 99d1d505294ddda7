namespace Provisioner.Config.Model;

/// <summary>Fetch timeouts, in seconds.</summary>
public sealed class Timeouts
{
    public long? HttpResponseHeaders { get; set; }

    public long? HttpTotal { get; set; }
}
