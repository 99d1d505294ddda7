using Provisioner.Engine.Providers;

namespace Provisioner.Engine.Tests.Providers;

/// <summary>Every platform Ignition knows resolves to a provider of that name (the cloud ones are a colleague's branch).</summary>
public sealed class PlatformRegistryTests
{
    private static readonly string[] ElsewhereBuilt = ["aws", "azure", "azurestack", "gcp"];

    [Fact]
    public void EveryOtherKnownPlatformHasItsProvider()
    {
        foreach (var platform in PlatformRegistry.Known.Except(ElsewhereBuilt))
        {
            Assert.Equal(platform, PlatformRegistry.Get(platform).Name);
        }
    }

    [Fact]
    public void BrightboxIsOpenStack()
    {
        Assert.IsType<OpenStackProvider>(PlatformRegistry.Get("brightbox"));
    }
}
