using System.Diagnostics;
using System.Globalization;
using Provisioner.Config.Model;
using Provisioner.Engine.Tools;

namespace Provisioner.Engine.Stages.Disks;

/// <summary>
/// storage.disks with Ignition's semantics. Each disk is looked at before anything is written: waited for,
/// refused when it or (for a change) one of its partitions is in use, its GPT read (sgdisk, the program that
/// will write it, so both see the same table, primary or backup), the geometry of default starts and sizes
/// computed by <c>sgdisk --pretend</c>, and every configured partition decided (<see cref="PartitionPlanner"/>).
/// Any refusal comes before the first write. The steps are then: wipe the table (when asked), one sgdisk
/// commit with the deletions first, partx and udev so the kernel and /dev show the result, and per partition
/// a check that the kernel sees it where it was put (or no longer sees it).
/// </summary>
public static class PartitionSteps
{
    /// <summary>How long the kernel may take to show (or drop) a changed partition after partx and udev.</summary>
    private static readonly TimeSpan KernelWait = TimeSpan.FromSeconds(10);

    public static List<StageStep> Plan(IReadOnlyList<Disk> entries, DisksContext ctx)
    {
        var steps = new List<StageStep>();
        for (var i = 0; i < entries.Count; i++)
        {
            var source = $"$.storage.disks.{i}";
            try
            {
                steps.AddRange(PlanDisk(entries[i], source, ctx));
            }
            catch (Exception e) when (e is ToolFailedException or IOException or UnauthorizedAccessException
                || (e is StageFailedException && !e.Message.StartsWith("$.", StringComparison.Ordinal)))
            {
                // Looking at the disk failed before anything was written; the error still names the entry.
                throw new StageFailedException($"{source}: {e.Message}; nothing was changed");
            }
        }
        return steps;
    }

    private static List<StageStep> PlanDisk(Disk disk, string source, DisksContext ctx)
    {
        var device = disk.Device;
        var node = ctx.Devices.WaitFor(device, "disk to partition");
        var dmName = DiskUsage.DmName(node);
        var usage = DiskUsage.Of(node, dmName);
        if (usage.DiskInUse && usage.ActivePartitions.Count == 0)
        {
            throw new StageFailedException($"{source}: refusing to operate on directly active disk {device} (it is mounted or held): nothing was changed");
        }
        var wipe = disk.WipeTable == true;
        if (wipe && usage.ActivePartitions.Count > 0)
        {
            throw new StageFailedException($"{source}: refusing to wipe active disk {device} ({string.Join(", ", usage.ActivePartitions)} in use): nothing was changed");
        }
        var sectorSize = SectorSize(node, source);
        var table = wipe ? new PartitionTable(sectorSize, []) : ReadTable(node, device, sectorSize, source, ctx);
        ctx.Log.Info($"{device}: {(wipe ? "table to be wiped" : Summary(table))}");

        var specs = PartitionPlanner.Resolve(disk.Partitions, table);
        var (pretend, inspect) = PartitionPlanner.PretendArgs(specs, table, wipe, node);
        if (pretend.Count > 2)
        {
            var result = ctx.Runner.Try(ctx.Tools.Sgdisk, pretend);
            if (!result.Succeeded)
            {
                throw new StageFailedException(
                    $"{source}: sgdisk cannot lay out the partitions the config asks for on {device} (status {result.ExitCode}): {Last(result.Stdout + "\n" + result.Stderr)}; nothing was changed");
            }
            try
            {
                PartitionPlanner.ApplyPretend(specs, SgdiskOutput.Pretend(result.Stdout, inspect));
            }
            catch (FormatException e)
            {
                throw new StageFailedException($"{source}: unexpected output of sgdisk --pretend on {device}: {e.Message}");
            }
        }
        var prefix = char.IsAsciiDigit(node[^1]) ? "p" : "";
        string PartitionPath(int number) => dmName is null
            ? node + prefix + number.ToString(CultureInfo.InvariantCulture)
            : $"/dev/disk/by-id/dm-name-{dmName}p{number.ToString(CultureInfo.InvariantCulture)}";
        var active = specs.Select(s => s.Number).Where(n => usage.ActivePartitions.Contains(DiskUsage.RealPath(PartitionPath(n)))).ToHashSet();
        var plan = PartitionPlanner.Decide(specs, table, active, device, source);

        var steps = new List<StageStep>();
        if (wipe)
        {
            steps.Add(new StageStep($"wipe the partition table of {device}", source, () => Zap(node, device, ctx)));
        }
        if (plan.CommitArgs.Count > 0)
        {
            var what = string.Join(", ", plan.Decisions.Where(d => d.Action is not (PartitionAction.Keep or PartitionAction.Absent))
                .Select(d => $"{d.Action.ToString().ToLowerInvariant()} {d.Number}"));
            steps.Add(new StageStep($"write the partition table of {device} ({what})", source, () => Commit(node, device, plan, ctx)));
        }
        else
        {
            steps.Add(new StageStep($"leave the partition table of {device} as it is", source, () => ctx.Devices.Settle(node)));
        }
        foreach (var decision in plan.Decisions)
        {
            var where = $"{source}.partitions.{decision.Index}";
            Action check = decision.Action switch
            {
                PartitionAction.Delete => () => CheckGone(PartitionPath(decision.Number)),
                PartitionAction.Create or PartitionAction.Resize or PartitionAction.Recreate =>
                    () => CheckKernel(PartitionPath(decision.Number), decision, sectorSize, dmName is not null, ctx),
                _ => () => { },
            };
            steps.Add(new StageStep(decision.Description, where, check));
        }
        return steps;
    }

    private static int SectorSize(string node, string source)
    {
        var file = $"/sys/class/block/{Path.GetFileName(node)}/queue/logical_block_size";
        if (!int.TryParse(System.IO.File.Exists(file) ? System.IO.File.ReadAllText(file).Trim() : "", NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size <= 0)
        {
            throw new StageFailedException($"{source}: cannot read the logical sector size of {node} from {file}");
        }
        if (size % 512 != 0)
        {
            throw new StageFailedException($"{source}: the logical sector size of {node} is {size} bytes, not a multiple of 512");
        }
        return size;
    }

    /// <summary>
    /// The GPT as sgdisk reads it; a disk with another kind of table is refused (Ignition partitions GPT
    /// only), a disk without one has no partitions.
    /// </summary>
    private static PartitionTable ReadTable(string node, string device, int sectorSize, string source, DisksContext ctx)
    {
        var found = ctx.Devices.Probe(node);
        if (found.TryGetValue("PTTYPE", out var kind) && kind != "gpt")
        {
            throw new StageFailedException($"{source}: {device} does not have a GPT (it has a {kind} partition table); set wipeTable to replace it");
        }
        var print = ctx.Runner.Run(ctx.Tools.Sgdisk, ["--print", node]);
        var numbers = SgdiskOutput.Numbers(print.Stdout);
        if (numbers.Count == 0)
        {
            return new PartitionTable(sectorSize, []);
        }
        var info = ctx.Runner.Run(ctx.Tools.Sgdisk, [.. numbers.Select(n => "--info=" + n.ToString(CultureInfo.InvariantCulture)), node]);
        try
        {
            return new PartitionTable(sectorSize, SgdiskOutput.Info(info.Stdout, numbers));
        }
        catch (FormatException e)
        {
            throw new StageFailedException($"{source}: cannot read the partition table of {device}: {e.Message}");
        }
    }

    private static string Summary(PartitionTable table) =>
        table.Partitions.Count == 0
            ? "no partitions"
            : "partitions " + string.Join(", ", table.Partitions.Select(p =>
                $"{p.Number} ({(p.Label.Length == 0 ? "" : p.Label + ", ")}{PartitionPlanner.Human(p.Size, table.SectorSize)} at sector {p.Start})"));

    // A corrupt table makes the first --zap-all exit 2 after it has cleared it; the second succeeds.
    private static void Zap(string node, string device, DisksContext ctx)
    {
        var first = ctx.Runner.Try(ctx.Tools.Sgdisk, ["--zap-all", node]);
        if (!first.Succeeded)
        {
            ctx.Log.Info($"sgdisk --zap-all on {device} exited with status {first.ExitCode}; retrying once");
            ctx.Runner.Run(ctx.Tools.Sgdisk, ["--zap-all", node]);
        }
    }

    private static void Commit(string node, string device, PartitionPlan plan, DisksContext ctx)
    {
        ctx.Runner.Run(ctx.Tools.Sgdisk, [.. plan.CommitArgs, node]);
        // sgdisk asks the kernel to reread the whole table, which it refuses while any partition is in use;
        // partx tells it about each changed partition. Its failures (already known, already gone) are only noted.
        void Partx(string op, IEnumerable<int> numbers)
        {
            foreach (var n in numbers)
            {
                if (op == "add" && KernelHasPartition(node, n))
                {
                    continue; // sgdisk's reread told the kernel already; partx would only refuse.
                }
                var r = ctx.Runner.Try(ctx.Tools.Partx, ["--" + op, "--nr", n.ToString(CultureInfo.InvariantCulture), node]);
                if (!r.Succeeded)
                {
                    ctx.Log.Notice($"partx --{op} of partition {n} on {device} exited with status {r.ExitCode}: {r.Stderr.Trim()}");
                }
            }
        }
        Partx("delete", plan.PartxDelete);
        Partx("update", plan.PartxUpdate);
        Partx("add", plan.PartxAdd);
        ctx.Devices.Settle(node);
    }

    /// <summary>True when the kernel shows partition <paramref name="number"/> of the disk (sysfs, /sys/class/block/DISK/*/partition).</summary>
    private static bool KernelHasPartition(string disk, int number)
    {
        var sys = $"/sys/class/block/{Path.GetFileName(disk)}";
        if (!System.IO.Directory.Exists(sys))
        {
            return false;
        }
        var wanted = number.ToString(CultureInfo.InvariantCulture);
        foreach (var child in System.IO.Directory.EnumerateDirectories(sys))
        {
            var partition = Path.Combine(child, "partition");
            if (System.IO.File.Exists(partition) && System.IO.File.ReadAllText(partition).Trim() == wanted)
            {
                return true;
            }
        }
        return false;
    }

    private static void CheckGone(string path)
    {
        var sys = $"/sys/class/block/{Path.GetFileName(path)}";
        var clock = Stopwatch.StartNew();
        while (System.IO.File.Exists(path) || System.IO.Directory.Exists(sys))
        {
            if (clock.Elapsed > KernelWait)
            {
                throw new StageFailedException($"{path} still exists after its partition was deleted");
            }
            Thread.Sleep(50);
        }
    }

    private static void CheckKernel(string path, PartitionDecision decision, int sectorSize, bool deviceMapper, DisksContext ctx)
    {
        var node = ctx.Devices.WaitFor(path, $"partition {decision.Number}");
        var sys = $"/sys/class/block/{Path.GetFileName(node)}";
        var perSector = sectorSize / 512;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            // sysfs counts 512-byte sectors whatever the disk's logical sector size. A device-mapper partition
            // has no start there (Ignition reads dmsetup's table); only its size is checked.
            var start = deviceMapper ? decision.Start * perSector : ReadSys(sys + "/start");
            var size = ReadSys(sys + "/size");
            if (start == decision.Start * perSector && size == decision.Size * perSector)
            {
                return;
            }
            if (clock.Elapsed > KernelWait)
            {
                throw new StageFailedException(string.Format(CultureInfo.InvariantCulture,
                    "the kernel shows {0} at 512-byte sector {1} with {2} sectors, expected {3} and {4}",
                    node, start, size, decision.Start * perSector, decision.Size * perSector));
            }
            Thread.Sleep(50);
        }
    }

    private static long ReadSys(string file) =>
        System.IO.File.Exists(file) && long.TryParse(System.IO.File.ReadAllText(file).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1;

    // sgdisk says what went wrong on stdout, among the blocks of the --info it was asked for.
    private static string Last(string output)
    {
        string[] noise = ["Partition ", "First sector", "Last sector", "Attribute flags", "***", "Found invalid GPT", "in memory"];
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !noise.Any(n => l.StartsWith(n, StringComparison.Ordinal))).ToArray();
        return lines.Length == 0 ? "it printed nothing" : string.Join(" ", lines.TakeLast(2));
    }
}
