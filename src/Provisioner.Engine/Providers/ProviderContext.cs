using Provisioner.Engine.Logging;
using Provisioner.Engine.Resources;
using Provisioner.Engine.Tools;

namespace Provisioner.Engine.Providers;

/// <summary>
/// What a provider may use: the fetcher (offline or not), the log and the process environment. A metadata
/// service is read through <c>Fetcher.Http</c> (Ignition's client: its own headers, verb and retry codes per
/// request); a 404 there is a <see cref="ResourceNotFoundException"/>, which most platforms take as "no config".
/// A config drive or a hypervisor channel is read with the programs of <see cref="Tools"/> (mount, vmur, …).
/// </summary>
public sealed record ProviderContext(ResourceFetcher Fetcher, Log Log, Func<string, string?> Environment)
{
    public static Func<string, string?> ProcessEnvironment { get; } = System.Environment.GetEnvironmentVariable;

    public ToolPaths Tools { get; init; } = new();

    public ToolRunner Runner => new(Log);
}
