namespace Provisioner.Config.Model;

/// <summary>HTTP proxies for fetching resources.</summary>
public sealed class Proxy
{
    public string? HttpProxy { get; set; }

    public string? HttpsProxy { get; set; }

    public List<string> NoProxy { get; set; } = [];
}
