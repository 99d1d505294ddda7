using System.Globalization;
using Provisioner.Config.Model;

namespace Provisioner.Engine.Stages.Disks;

/// <summary>
/// Turns a disk's configured partitions and its existing GPT into decisions, with Ignition's rules (its
/// operator notes, "Partition Reuse Semantics"): pure, no device. The flow is
/// <see cref="Resolve"/> → <see cref="PretendArgs"/> (sgdisk computes the geometry the defaults give) →
/// <see cref="ApplyPretend"/> → <see cref="Decide"/>.
/// </summary>
public static class PartitionPlanner
{
    private const long MiB = 1024 * 1024;

    /// <summary>
    /// The configured partitions in processing order (number 0 last, otherwise as written), MiB converted to
    /// sectors, an existing entry's start and size standing in for unset ones unless wipePartitionEntry
    /// allows moving it, and each number 0 given the lowest free number: a number is taken when the disk has
    /// it, unless the config says it should not exist, or when the config wants it.
    /// </summary>
    public static List<PartitionSpec> Resolve(IReadOnlyList<Partition> partitions, PartitionTable table)
    {
        var specs = partitions.Select((p, i) => new PartitionSpec(i, p)).ToList();
        specs = [.. specs.Where(s => s.Number != 0), .. specs.Where(s => s.Number == 0)];
        var used = table.Partitions.Select(p => p.Number).ToHashSet();
        foreach (var spec in specs)
        {
            spec.Start = Sectors(spec.Config.StartMiB, table.SectorSize);
            spec.Size = Sectors(spec.Config.SizeMiB, table.SectorSize);
            if (spec.Number != 0 && table.Find(spec.Number) is { } existing && !spec.WipeEntry)
            {
                spec.Start ??= existing.Start;
                spec.Size ??= existing.Size;
            }
            if (spec.Number > 0)
            {
                if (spec.ShouldExist)
                {
                    used.Add(spec.Number);
                }
                else
                {
                    used.Remove(spec.Number);
                }
            }
        }
        var free = 1;
        foreach (var spec in specs.Where(s => s.ShouldExist && s.Number == 0))
        {
            while (used.Contains(free))
            {
                free++;
            }
            spec.Number = free++;
        }
        return specs;
    }

    public static long? Sectors(long? mib, int sectorSize) => mib * (MiB / sectorSize);

    /// <summary>
    /// The arguments (device last) of the <c>sgdisk --pretend</c> run that says where sgdisk would put every
    /// partition whose start or size is left to it, as if every configured partition were made anew
    /// (<c>--clear</c> first when the table is to be wiped), and the numbers it is asked about, in order.
    /// </summary>
    public static (List<string> Args, List<int> Inspect) PretendArgs(IReadOnlyList<PartitionSpec> specs, PartitionTable table, bool clear, string device)
    {
        var args = new List<string> { "--pretend" };
        if (clear)
        {
            // --mbrtogpt: an MBR being wiped is no reason for sgdisk to refuse to pretend.
            args.AddRange(["--clear", "--mbrtogpt"]);
        }
        foreach (var number in specs.Select(s => s.Number).Where(n => table.Find(n) is not null).Distinct())
        {
            args.Add(Arg("--delete={0}", number));
        }
        var inspect = new List<int>();
        foreach (var spec in specs.Where(s => s.ShouldExist))
        {
            // Labels stay out: sgdisk prints them unescaped, and they do not move anything.
            AddNew(args, spec.Number, spec.Start, spec.Size, null, spec.Config.TypeGuid, spec.Config.Guid);
            if (spec.Start is null or 0 || spec.Size is null or 0)
            {
                inspect.Add(spec.Number);
            }
        }
        args.AddRange(inspect.Select(n => Arg("--info={0}", n)));
        args.Add(device);
        return (args, inspect);
    }

    public static void ApplyPretend(IReadOnlyList<PartitionSpec> specs, IReadOnlyDictionary<int, (long Start, long Size)> geometry)
    {
        foreach (var spec in specs.Where(s => s.ShouldExist))
        {
            if (geometry.TryGetValue(spec.Number, out var real))
            {
                (spec.Start, spec.Size) = real;
            }
        }
    }

    /// <summary>
    /// The decision matrix. Throws <see cref="StageFailedException"/> naming the entry
    /// (<paramref name="source"/>.partitions.M) when the config asks for something it does not allow:
    /// an existing partition that does not match without wipePartitionEntry (or resize), a partition that
    /// should not exist without wipePartitionEntry, or a change to a partition in use.
    /// </summary>
    public static PartitionPlan Decide(IReadOnlyList<PartitionSpec> specs, PartitionTable table, IReadOnlySet<int> active, string device, string source)
    {
        var decisions = new List<PartitionDecision>();
        var deletions = new List<int>();
        var creations = new List<string>();
        List<int> partxDelete = [], partxUpdate = [], partxAdd = [];
        foreach (var spec in specs)
        {
            var where = $"{source}.partitions.{spec.Index}";
            if (!spec.ShouldExist && specs.Any(s => s.Number == spec.Number && s.ShouldExist))
            {
                decisions.Add(new PartitionDecision(PartitionAction.Absent, spec.Index, spec.Number, 0, 0,
                    Arg("partition {0} on {1}: left to the entry that wants it", spec.Number, device)));
                continue;
            }
            var existing = table.Find(spec.Number);
            var mismatch = existing is null ? null : Mismatch(existing, spec, table.SectorSize, size: true);
            PartitionDecision decision;
            if (existing is null && !spec.ShouldExist)
            {
                decision = new(PartitionAction.Absent, spec.Index, spec.Number, 0, 0, Arg("partition {0} on {1} is absent, as the config asks", spec.Number, device));
            }
            else if (existing is null)
            {
                decision = new(PartitionAction.Create, spec.Index, spec.Number, spec.Start!.Value, spec.Size!.Value,
                    $"create partition {spec.Number} ({Details(spec.Config.Label, spec.Start.Value, spec.Size.Value, table.SectorSize)}) on {device}");
                creations.AddRange(New(spec.Number, spec.Start, spec.Size, spec.Config.Label, spec.Config.TypeGuid, spec.Config.Guid));
                partxAdd.Add(spec.Number);
            }
            else if (!spec.ShouldExist && !spec.WipeEntry)
            {
                throw new StageFailedException(Arg("{0}: partition {1} exists on {2} but is specified as nonexistent and wipePartitionEntry is false: nothing was changed", where, spec.Number, device));
            }
            else if (!spec.ShouldExist)
            {
                decision = new(PartitionAction.Delete, spec.Index, spec.Number, existing.Start, existing.Size,
                    $"delete partition {spec.Number} ({Details(existing.Label, existing.Start, existing.Size, table.SectorSize)}) on {device}");
                deletions.Add(spec.Number);
                partxDelete.Add(spec.Number);
            }
            else if (mismatch is null)
            {
                decision = new(PartitionAction.Keep, spec.Index, spec.Number, existing.Start, existing.Size,
                    $"keep partition {spec.Number} ({Details(existing.Label, existing.Start, existing.Size, table.SectorSize)}) on {device}: it matches");
            }
            else if (!spec.WipeEntry && spec.Config.Resize == true && Mismatch(existing, spec, table.SectorSize, size: false) is null)
            {
                decision = new(PartitionAction.Resize, spec.Index, spec.Number, existing.Start, spec.Size!.Value,
                    $"resize partition {spec.Number} ({Details(existing.Label, existing.Start, existing.Size, table.SectorSize)}) on {device} to {Human(spec.Size.Value, table.SectorSize)}, keeping its start, GUIDs and label");
                deletions.Add(spec.Number);
                creations.AddRange(New(spec.Number, existing.Start, spec.Size, existing.Label, existing.TypeGuid, existing.Guid));
                partxUpdate.Add(spec.Number);
            }
            else if (!spec.WipeEntry)
            {
                throw new StageFailedException($"{where}: partition {spec.Number} on {device} didn't match: {mismatch}; wipePartitionEntry is false{(spec.Config.Resize == true ? " and resize can only change the size" : "")}: nothing was changed");
            }
            else
            {
                decision = new(PartitionAction.Recreate, spec.Index, spec.Number, spec.Start!.Value, spec.Size!.Value,
                    $"delete partition {spec.Number} on {device} ({mismatch}) and create it anew ({Details(spec.Config.Label, spec.Start.Value, spec.Size.Value, table.SectorSize)})");
                deletions.Add(spec.Number);
                creations.AddRange(New(spec.Number, spec.Start, spec.Size, spec.Config.Label, spec.Config.TypeGuid, spec.Config.Guid));
                partxUpdate.Add(spec.Number);
            }
            if (decision.Action is not (PartitionAction.Keep or PartitionAction.Absent) && active.Contains(spec.Number))
            {
                throw new StageFailedException(Arg("{0}: refusing to modify active partition {1} on {2} (it is mounted or held): nothing was changed", where, spec.Number, device));
            }
            decisions.Add(decision);
        }
        List<string> commit = deletions.Count + creations.Count == 0
            ? []
            : [.. deletions.Select(n => Arg("--delete={0}", n)), .. creations];
        return new PartitionPlan(decisions, commit, partxDelete, partxUpdate, partxAdd);
    }

    /// <summary>Why an existing entry is not the configured one (null when it is); the size only when asked.</summary>
    public static string? Mismatch(ExistingPartition existing, PartitionSpec spec, int sectorSize, bool size)
    {
        if (spec.Start is { } start && start != existing.Start)
        {
            return Arg("starting sector did not match (specified {0}, got sector {1})", Specified(spec.Config.StartMiB, start, "sector "), existing.Start);
        }
        if (!string.IsNullOrEmpty(spec.Config.Guid) && !string.Equals(spec.Config.Guid, existing.Guid, StringComparison.OrdinalIgnoreCase))
        {
            return $"GUID did not match (specified {spec.Config.Guid}, got {existing.Guid})";
        }
        if (!string.IsNullOrEmpty(spec.Config.TypeGuid) && !string.Equals(spec.Config.TypeGuid, existing.TypeGuid, StringComparison.OrdinalIgnoreCase))
        {
            return $"type GUID did not match (specified {spec.Config.TypeGuid}, got {existing.TypeGuid})";
        }
        if (spec.Config.Label is { } label && label != existing.Label)
        {
            return $"label did not match (specified \"{label}\", got \"{existing.Label}\")";
        }
        if (size && spec.Size is { } sectors && sectors != existing.Size)
        {
            return Arg("size did not match (specified {0}, got {1} sectors = {2})", Specified(spec.Config.SizeMiB, sectors, ""), existing.Size, Human(existing.Size, sectorSize));
        }
        return null;
    }

    // A value the config gave ("100 MiB = 204800 sectors") or one sgdisk chose for a default.
    private static string Specified(long? mib, long sectors, string unit) =>
        mib is > 0
            ? Arg("{0} MiB = {1}{2}{3}", mib, unit, sectors, unit.Length == 0 ? " sectors" : "")
            : Arg("the default, {0}{1}{2} where sgdisk would put it", unit, sectors, unit.Length == 0 ? " sectors" : "");

    private static string Details(string? label, long start, long size, int sectorSize) =>
        (string.IsNullOrEmpty(label) ? "" : $"label {label}, ") + Arg("{0} at sector {1}", Human(size, sectorSize), start);

    /// <summary>A size in sectors as people read it: "100 MiB", "1.5 MiB", or sectors below a MiB.</summary>
    public static string Human(long sectors, int sectorSize)
    {
        var bytes = sectors * sectorSize;
        if (bytes < MiB)
        {
            return Arg("{0} sectors", sectors);
        }
        return bytes % MiB == 0 ? Arg("{0} MiB", bytes / MiB) : Arg("{0:0.0} MiB", (double)bytes / MiB);
    }

    private static void AddNew(List<string> args, int number, long? start, long? size, string? label, string? typeGuid, string? guid) =>
        args.AddRange(New(number, start, size, label, typeGuid, guid));

    private static List<string> New(int number, long? start, long? size, string? label, string? typeGuid, string? guid)
    {
        var args = new List<string> { Arg("--new={0}:{1}:+{2}", number, start ?? 0, size ?? 0) };
        if (label is not null)
        {
            args.Add(Arg("--change-name={0}:{1}", number, label));
        }
        if (!string.IsNullOrEmpty(typeGuid))
        {
            args.Add(Arg("--typecode={0}:{1}", number, typeGuid));
        }
        if (!string.IsNullOrEmpty(guid))
        {
            args.Add(Arg("--partition-guid={0}:{1}", number, guid));
        }
        return args;
    }

    private static string Arg(string format, params object?[] values) => string.Format(CultureInfo.InvariantCulture, format, values);
}
