
namespace Provisioner.Cli.Tests;

/// <summary>`provisioner plan`, run in-process: the machine stages first, destruction in capitals, then the files stage.</summary>
public sealed class PlanCommandTests
{
    private static (int Exit, string Out, string Err) Run(string stdin, params string[] args) => CliRun.Run(stdin, args);

    [Fact]
    public void DiskOperationsComeBeforeTheFilesAndSayWhatTheyDestroy()
    {
        var (exit, output, _) = Run("""
            {"ignition":{"version":"3.4.0"},
             "storage":{"disks":[{"device":"/dev/vdb","wipeTable":true,"partitions":[{"label":"data","number":1}]}],
                        "filesystems":[{"device":"/dev/disk/by-partlabel/data","format":"ext4","path":"/var/data","wipeFilesystem":true}],
                        "files":[{"path":"/var/data/hello","contents":{"source":"data:,hi"}}]}}
            """, "plan", "-");

        Assert.Equal(0, exit);
        var lines = output.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        Assert.Equal("  1. [disks] wipe the partition table of /dev/vdb: DESTROYS every partition on it  ($.storage.disks.0)", lines[0]);
        Assert.StartsWith("  2. [disks] create partition 1 \"data\" (filling the free space) on /dev/vdb", lines[1]);
        Assert.Equal("  3. [disks] make ext4 on /dev/disk/by-partlabel/data: DESTROYS what is on it  ($.storage.filesystems.0)", lines[2]);
        Assert.Equal("  4. [mount] mount /dev/disk/by-partlabel/data (ext4) at /var/data  ($.storage.filesystems.0)", lines[3]);
        Assert.Contains("[createFilesystemsFiles] write file /var/data/hello", lines[4], StringComparison.Ordinal);
    }
}
