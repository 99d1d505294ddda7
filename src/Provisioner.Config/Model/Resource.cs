namespace Provisioner.Config.Model;

/// <summary>Something fetched from a URL: a referenced config, a CA bundle, file contents, a key file.</summary>
public sealed class Resource
{
    public string? Compression { get; set; }

    public List<HttpHeader> HttpHeaders { get; set; } = [];

    public string? Source { get; set; }

    public Verification Verification { get; set; } = new();
}
