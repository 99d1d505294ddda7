namespace Provisioner.Engine.Tests;

/// <summary>Stage names are Ignition's, in Ignition's order.</summary>
public sealed class StageNamesTests
{
    [Fact]
    public void StagesRunInIgnitionsOrderUnderIgnitionsNames()
    {
        Assert.Equal(["fetch-offline", "fetch", "kargs", "disks", "mount", "files", "umount"], StageNames.All);
        Assert.Equal(Enum.GetValues<Stage>().Select(s => s.Name()), StageNames.All);
    }

    [Fact]
    public void OnlyExactNamesParse()
    {
        Assert.True(StageNames.TryParse("fetch-offline", out var stage));
        Assert.Equal(Stage.FetchOffline, stage);
        Assert.False(StageNames.TryParse("Files", out _));
        Assert.False(StageNames.TryParse("fetch_offline", out _));
    }
}
