using Provisioner.Engine.Logging;
using Provisioner.Engine.Resources;

namespace Provisioner.Engine.Providers;

/// <summary>What a provider may use: the fetcher (offline or not), the log and the process environment.</summary>
public sealed record ProviderContext(ResourceFetcher Fetcher, Log Log, Func<string, string?> Environment)
{
    public static Func<string, string?> ProcessEnvironment { get; } = System.Environment.GetEnvironmentVariable;
}
