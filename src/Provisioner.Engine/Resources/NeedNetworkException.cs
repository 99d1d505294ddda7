namespace Provisioner.Engine.Resources;

/// <summary>
/// Raised by the offline fetcher when a resource lives on the network: fetch-offline then writes the
/// neednet flag and ends successfully, so the boot brings networking up and runs the fetch stage.
/// </summary>
public sealed class NeedNetworkException(string source)
    : Exception($"resource requires networking: {source}")
{
    public string Url { get; } = source;
}
