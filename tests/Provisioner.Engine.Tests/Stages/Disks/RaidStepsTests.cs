using Provisioner.Config.Model;
using Provisioner.Engine.Stages.Disks;

namespace Provisioner.Engine.Tests.Stages.Disks;

/// <summary>mdadm's command line and the array's node, as Ignition builds them (§5.6 of the reference).</summary>
public sealed class RaidStepsTests
{
    [Fact]
    public void MdadmGetsIgnitionsFlagsThenTheOptionsThenTheResolvedMembers()
    {
        var array = new Raid { Name = "md-data", Level = "raid1", Devices = ["/dev/disk/by-id/virtio-disk2-part1", "/dev/vdc1"], Options = ["--metadata=1.2"] };

        var args = RaidSteps.MdadmArguments(array, ["/dev/vdb1", "/dev/vdc1"]);

        Assert.Equal(
            ["--create", "md-data", "--force", "--run", "--homehost", "any", "--level", "raid1", "--raid-devices", "2", "--metadata=1.2", "/dev/vdb1", "/dev/vdc1"],
            args);
    }

    [Fact]
    public void SparesAreCountedOutOfTheRaidDevicesAndNamed()
    {
        var array = new Raid { Name = "md", Level = "raid5", Spares = 1, Devices = ["/dev/a", "/dev/b", "/dev/c", "/dev/d"] };

        var args = RaidSteps.MdadmArguments(array, array.Devices);

        Assert.Equal(["--raid-devices", "3", "--spare-devices", "1", "/dev/a"], args.Skip(8).Take(5));
    }

    [Fact]
    public void ZeroSparesAddNoSpareFlag() =>
        Assert.DoesNotContain("--spare-devices", RaidSteps.MdadmArguments(new Raid { Name = "m", Level = "raid0", Spares = 0, Devices = ["/dev/a", "/dev/b"] }, ["/dev/a", "/dev/b"]));

    [Theory]
    [InlineData("md-data", "/dev/md/md-data")]
    [InlineData("/dev/md/root", "/dev/md/root")]
    [InlineData("/dev/md127", "/dev/md127")]
    public void TheArrayNodeIsUnderDevMdUnlessTheNameIsADevPath(string name, string expected) =>
        Assert.Equal(expected, RaidSteps.DevicePath(new Raid { Name = name }));

    [Fact]
    public void TheStepSaysLevelNameMembersAndSpares()
    {
        Assert.Equal("create RAID1 array md-data from /dev/vdb1 /dev/vdc1",
            RaidSteps.Describe(new Raid { Name = "md-data", Level = "raid1", Devices = ["/dev/vdb1", "/dev/vdc1"] }));
        Assert.Equal("create RAID1 array md from /dev/a /dev/b /dev/c (the last one a spare)",
            RaidSteps.Describe(new Raid { Name = "md", Level = "raid1", Spares = 1, Devices = ["/dev/a", "/dev/b", "/dev/c"] }));
        Assert.Equal("create linear array md from /dev/a /dev/b",
            RaidSteps.Describe(new Raid { Name = "md", Level = "linear", Devices = ["/dev/a", "/dev/b"] }));
    }
}
