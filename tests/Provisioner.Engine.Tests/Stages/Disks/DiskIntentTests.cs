using Provisioner.Config.Model;
using Provisioner.Engine.Stages.Disks;

namespace Provisioner.Engine.Tests.Stages.Disks;

/// <summary>The plan of the disks and mount stages: every operation in order, and destruction said in capitals.</summary>
public sealed class DiskIntentTests
{
    [Fact]
    public void ListsEveryOperationInStageOrderAndNamesWhatIsDestroyed()
    {
        var storage = new Storage
        {
            Disks =
            [
                new Disk
                {
                    Device = "/dev/vdb",
                    WipeTable = true,
                    Partitions =
                    [
                        new Partition { Number = 1, Label = "root", SizeMiB = 100 },
                        new Partition { Number = 0, Label = "data", Resize = true },
                        new Partition { Number = 3, ShouldExist = false, WipePartitionEntry = true },
                        new Partition { Number = 4, ShouldExist = false },
                    ],
                },
            ],
            Raid = [new Raid { Name = "md0", Level = "raid1", Devices = ["/dev/vdb1", "/dev/vdc1"], Spares = 1 }],
            Luks = [new Luks { Name = "secret", Device = "/dev/md/md0" }],
            Filesystems =
            [
                new Filesystem { Device = "/dev/mapper/secret", Format = "ext4", Path = "/var/lib/data", WipeFilesystem = true },
                new Filesystem { Device = "/dev/vdb2", Format = "xfs", Label = "logs", Path = "/var" },
                new Filesystem { Device = "/dev/vdd" },
            ],
        };

        var lines = DiskIntent.Describe(storage).Select(o => $"[{o.Phase}] {o.Description} ({o.Source})").ToList();

        Assert.Equal(
        [
            "[disks] wipe the partition table of /dev/vdb: DESTROYS every partition on it ($.storage.disks.0)",
            "[disks] create partition 1 \"root\" (100 MiB) on /dev/vdb, or keep it if the existing one matches; a mismatch fails the stage ($.storage.disks.0.partitions.0)",
            "[disks] create a partition (next free number) \"data\" (filling the free space) on /dev/vdb, or keep it if the existing one matches; one that differs only in size is resized, keeping its data; any other mismatch fails the stage ($.storage.disks.0.partitions.1)",
            "[disks] delete partition 3 on /dev/vdb if it exists: DESTROYS its data ($.storage.disks.0.partitions.2)",
            "[disks] check that partition 4 does not exist on /dev/vdb (the stage fails if it does) ($.storage.disks.0.partitions.3)",
            "[disks] create RAID raid1 array md0 from /dev/vdb1, /dev/vdc1 (1 spare): DESTROYS what is on those devices ($.storage.raid.0)",
            "[disks] format /dev/md/md0 as LUKS2 volume secret if it is blank, reuse a matching LUKS2 volume, fail on anything else; then open it ($.storage.luks.0)",
            "[disks] make ext4 on /dev/mapper/secret: DESTROYS what is on it ($.storage.filesystems.0)",
            "[disks] make xfs \"logs\" on /dev/vdb2 if it is blank, keep a matching one (with its data), fail on anything else ($.storage.filesystems.1)",
            "[mount] mount /dev/vdb2 (xfs) at /var ($.storage.filesystems.1)",
            "[mount] mount /dev/mapper/secret (ext4) at /var/lib/data ($.storage.filesystems.0)",
        ], lines);
    }
}
