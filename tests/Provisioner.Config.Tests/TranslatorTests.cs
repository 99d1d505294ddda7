using System.Text;

namespace Provisioner.Config.Tests;

/// <summary>Translation up to the newest spec changes only what the spec changed.</summary>
public sealed class TranslatorTests
{
    private static Model.Configuration Parse(string version, string mode) =>
        ConfigParser.Parse(Encoding.UTF8.GetBytes(
            $$$"""{"ignition":{"version":"{{{version}}}"},"storage":{"files":[{"path":"/f","mode":{{{mode}}}}],"directories":[{"path":"/d","mode":{{{mode}}}}]}}""")).Config!;

    [Theory]
    [InlineData("3.0.0")]
    [InlineData("3.3.0")]
    [InlineData("3.5.0")]
    public void SpecialModeBitsAreDroppedBefore360BecauseTheyHadNoEffect(string version)
    {
        var config = Parse(version, "3565"); // 06755
        Assert.Equal(493, config.Storage.Files[0].Mode); // 0755
        Assert.Equal(493, config.Storage.Directories[0].Mode);
    }

    [Theory]
    [InlineData("3.6.0")]
    [InlineData("3.7.0-experimental")]
    public void SpecialModeBitsAreKeptFrom360(string version)
    {
        var config = Parse(version, "3565");
        Assert.Equal(3565, config.Storage.Files[0].Mode);
        Assert.Equal(3565, config.Storage.Directories[0].Mode);
    }
}
