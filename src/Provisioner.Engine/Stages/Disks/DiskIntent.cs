using System.Globalization;
using Provisioner.Config.Model;
using Provisioner.Engine.Stages.Mounts;

namespace Provisioner.Engine.Stages.Disks;

/// <summary>
/// What the disks and mount stages would do with a config, read from the config alone (no device is opened,
/// so a plan can be made anywhere): every operation, and in capitals what it may DESTROY, so an operator sees
/// destruction before it happens. What is kept or made at first boot depends on the devices then; each line
/// says which way each case goes.
/// </summary>
public static class DiskIntent
{
    public sealed record Operation(string Phase, string Description, string Source);

    public static List<Operation> Describe(Storage storage)
    {
        var operations = new List<Operation>();
        for (var d = 0; d < storage.Disks.Count; d++)
        {
            var disk = storage.Disks[d];
            var source = $"$.storage.disks.{d}";
            if (disk.WipeTable == true)
            {
                operations.Add(new("disks", $"wipe the partition table of {disk.Device}: DESTROYS every partition on it", source));
            }
            for (var p = 0; p < disk.Partitions.Count; p++)
            {
                operations.Add(new("disks", Partition(disk.Partitions[p], disk.Device), $"{source}.partitions.{p}"));
            }
        }
        for (var r = 0; r < storage.Raid.Count; r++)
        {
            var raid = storage.Raid[r];
            operations.Add(new("disks",
                $"create RAID {raid.Level} array {raid.Name} from {string.Join(", ", raid.Devices)}{Spares(raid)}: DESTROYS what is on those devices",
                $"$.storage.raid.{r}"));
        }
        for (var l = 0; l < storage.Luks.Count; l++)
        {
            var luks = storage.Luks[l];
            operations.Add(new("disks",
                luks.WipeVolume == true
                    ? $"format {luks.Device} as LUKS2 volume {luks.Name}: DESTROYS what is on it; then open it"
                    : $"format {luks.Device} as LUKS2 volume {luks.Name} if it is blank, reuse a matching LUKS2 volume, fail on anything else; then open it",
                $"$.storage.luks.{l}"));
        }
        for (var f = 0; f < storage.Filesystems.Count; f++)
        {
            var fs = storage.Filesystems[f];
            if (string.IsNullOrEmpty(fs.Format))
            {
                continue;
            }
            operations.Add(new("disks",
                fs.WipeFilesystem == true
                    ? $"make {fs.Format}{Named(fs)} on {fs.Device}: DESTROYS what is on it"
                    : $"make {fs.Format}{Named(fs)} on {fs.Device} if it is blank, keep a matching one (with its data), fail on anything else",
                $"$.storage.filesystems.{f}"));
        }
        foreach (var (fs, index) in MountPoints.Of(storage.Filesystems))
        {
            operations.Add(new("mount", $"mount {fs.Device} ({fs.Format}) at {fs.Path}", $"$.storage.filesystems.{index}"));
        }
        return operations;
    }

    private static string Partition(Partition part, string device)
    {
        var name = part.Number == 0 ? "a partition (next free number)" : $"partition {N(part.Number)}";
        name += part.Label is null ? "" : $" \"{part.Label}\"";
        if (part.ShouldExist == false)
        {
            return part.WipePartitionEntry == true
                ? $"delete {name} on {device} if it exists: DESTROYS its data"
                : $"check that {name} does not exist on {device} (the stage fails if it does)";
        }
        var start = part.StartMiB is null or 0 ? "" : $", at {N(part.StartMiB.Value)} MiB";
        var size = part.SizeMiB is null or 0 ? "filling the free space" : $"{N(part.SizeMiB.Value)} MiB";
        var mismatch = part.WipePartitionEntry == true
            ? "a mismatching one is DELETED and made again (DESTROYS its data)"
            : part.Resize == true
                ? "one that differs only in size is resized, keeping its data; any other mismatch fails the stage"
                : "a mismatch fails the stage";
        return $"create {name} ({size}{start}) on {device}, or keep it if the existing one matches; {mismatch}";
    }

    private static string Spares(Raid raid) => raid.Spares is > 0 ? $" ({N(raid.Spares.Value)} spare)" : "";

    private static string Named(Filesystem fs) => fs.Label is null ? "" : $" \"{fs.Label}\"";

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
