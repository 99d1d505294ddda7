using Provisioner.Config.Model;
using Provisioner.Engine.Resources;
using Provisioner.Engine.Stages;
using Provisioner.Engine.Stages.Disks;

namespace Provisioner.Engine.Tests.Stages.Disks;

/// <summary>cryptsetup's command lines and the small rules of the LUKS steps (§5.6 of the reference).</summary>
public sealed class LuksStepsTests
{
    [Fact]
    public void LuksFormatGetsTypeKeyLabelUuidThenTheOptionsThenTheDevice()
    {
        var luks = new Luks { Name = "secret", Device = "/dev/disk/by-partlabel/x", Label = "vault", Uuid = "6e3a0a3c-6a3b-4c1e-9d3c-2f1e5b6a7c8d", Options = ["--pbkdf", "pbkdf2"] };

        Assert.Equal(
            ["luksFormat", "--type", "luks2", "--key-file", "/tmp/k", "--label", "vault", "--uuid", "6e3a0a3c-6a3b-4c1e-9d3c-2f1e5b6a7c8d", "--pbkdf", "pbkdf2", "/dev/vdb1"],
            LuksSteps.FormatArguments(luks, "/tmp/k", "/dev/vdb1"));
    }

    [Fact]
    public void LuksFormatLeavesOutAnEmptyLabelAndUuid() =>
        Assert.Equal(["luksFormat", "--type", "luks2", "--key-file", "/tmp/k", "/dev/vdb1"],
            LuksSteps.FormatArguments(new Luks { Name = "s", Label = "", Uuid = null }, "/tmp/k", "/dev/vdb1"));

    [Fact]
    public void LuksOpenIsPersistentWithDiscardAndOpenOptionsLast()
    {
        Assert.Equal(["luksOpen", "/dev/vdb1", "s", "--key-file", "/tmp/k", "--persistent"],
            LuksSteps.OpenArguments(new Luks { Name = "s" }, "/tmp/k", "/dev/vdb1"));
        Assert.Equal(["luksOpen", "/dev/vdb1", "s", "--key-file", "/tmp/k", "--persistent", "--allow-discards", "--perf-no_read_workqueue"],
            LuksSteps.OpenArguments(new Luks { Name = "s", Discard = true, OpenOptions = ["--perf-no_read_workqueue"] }, "/tmp/k", "/dev/vdb1"));
    }

    [Fact]
    public void TheKeyInTheStateIsADataUrlTheFilesStageDecodesBack()
    {
        byte[] key = [0, 1, 2, 250, (byte)'a', (byte)'\n'];

        Assert.Equal(key, DataUrlDecoder.Decode(LuksSteps.KeyDataUrl(key)));
    }

    [Fact]
    public void TheDiscardFlagIsReadFromTheHeaderMetadata()
    {
        Assert.True(LuksSteps.HasFlag("""{"config":{"json_size":"12288","flags":["allow-discards","no-read-workqueue"]}}""", "allow-discards"));
        Assert.False(LuksSteps.HasFlag("""{"config":{"json_size":"12288"}}""", "allow-discards"));
        Assert.Throws<StageFailedException>(() => LuksSteps.HasFlag("not json", "allow-discards"));
    }

    [Theory]
    [InlineData("http://tang.example:7500", "http://tang.example:7500/adv")]
    [InlineData("http://tang.example/base/", "http://tang.example/base/adv")]
    [InlineData("https://t/x?y=1", "https://t/x/adv?y=1")]
    public void TheAdvertisementIsFetchedFromUrlSlashAdv(string url, string expected) =>
        Assert.Equal(expected, LuksSteps.AdvertisementUrl(url));

    [Fact]
    public void TheFormatStepSaysWhetherItWipes()
    {
        Assert.Equal("format /dev/vdb2 as LUKS2 volume secret (wiping it)", LuksSteps.DescribeFormat(new Luks { Name = "secret", Device = "/dev/vdb2", WipeVolume = true }));
        Assert.Equal("format /dev/vdb2 as LUKS2 volume secret unless a matching one is there", LuksSteps.DescribeFormat(new Luks { Name = "secret", Device = "/dev/vdb2" }));
    }
}
