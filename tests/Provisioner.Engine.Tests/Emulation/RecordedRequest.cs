namespace Provisioner.Engine.Tests.Emulation;

/// <summary>A request as <see cref="LoopbackHttpServer"/> received it, for a test to assert on.</summary>
/// <param name="Target">The request-target as sent: a path, or an absolute URL when it came through a proxy.</param>
/// <param name="Path">The path and query, whichever form the target had.</param>
internal sealed record RecordedRequest(
    string Method, string Target, string Path, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body, DateTime ReceivedAt)
{
    /// <summary>The header's last value, by case-insensitive name; null when absent.</summary>
    public string? Header(string name) =>
        Headers.LastOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>The client's source port (Scaleway's emulator checks it is privileged); 0 where unknown.</summary>
    public int RemotePort { get; init; }

    public bool Has(string name) => Headers.Any(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));
}
