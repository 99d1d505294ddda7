using Provisioner.Engine.Resources;

namespace Provisioner.Engine.Providers;

/// <summary>
/// Where a platform keeps the user's config. One class per platform; <see cref="PlatformRegistry"/> names them.
/// </summary>
public interface IPlatformProvider
{
    /// <summary>The platform id, as on the kernel command line (<c>ignition.platform.id</c>) and in the state file.</summary>
    string Name { get; }

    /// <summary>
    /// The raw config; empty when the platform has none for this machine (the boot goes on with an empty
    /// config). Raises <see cref="NeedNetworkException"/> offline when the config is on the network.
    /// </summary>
    byte[] Fetch(ProviderContext context);
}
