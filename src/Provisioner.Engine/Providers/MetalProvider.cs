namespace Provisioner.Engine.Providers;

/// <summary>Bare metal has no metadata service: the config comes from the kernel command line or nowhere.</summary>
public sealed class MetalProvider : IPlatformProvider
{
    public string Name => "metal";

    public byte[] Fetch(ProviderContext context) => [];
}
