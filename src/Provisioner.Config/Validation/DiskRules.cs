using Provisioner.Config.Model;
using Provisioner.Config.Reporting;

namespace Provisioner.Config.Validation;

/// <summary>A disk and its partitions.</summary>
internal static class DiskRules
{
    public static void Validate(Disk disk, JsonPath path, RuleContext ctx)
    {
        var partitions = path.Append("partitions");
        if (disk.Device.Length == 0)
        {
            ctx.Error(path, "device", Messages.DiskDeviceRequired);
        }
        else
        {
            ctx.Error(path, "device", CommonRules.Path(disk.Device));
            if (NumbersCollide(disk.Partitions) is { } collide)
            {
                ctx.Error(partitions.Append(collide), Messages.PartitionNumbersCollide);
            }
            if (Overlap(disk.Partitions) is { } overlap)
            {
                ctx.Error(partitions.Append(overlap), Messages.PartitionsOverlap);
            }
            if (LabelsCollide(disk.Partitions) is { } label)
            {
                ctx.Error(partitions.Append(label), Messages.DuplicateLabels);
            }
        }
        for (var i = 0; i < disk.Partitions.Count; i++)
        {
            ValidatePartition(disk.Partitions[i], partitions.Append(i), ctx);
        }
    }

    private static void ValidatePartition(Partition p, JsonPath path, RuleContext ctx)
    {
        if (p.ShouldExist == false
            && (p.Label is not null || CommonRules.NotEmpty(p.TypeGuid) || CommonRules.NotEmpty(p.Guid) || p.StartMiB is not null || p.SizeMiB is not null))
        {
            ctx.Error(path, Messages.ShouldNotExistWithOthers);
        }
        if (p.Number == 0 && p.Label is null)
        {
            ctx.Error(path, Messages.NeedLabelOrNumber);
        }
        if (p.Label is not null)
        {
            if (GoText.ByteLength(p.Label) > 36)
            {
                ctx.Error(path, "label", Messages.PartitionLabelTooLong);
            }
            else if (p.Label.Contains(':', StringComparison.Ordinal))
            {
                ctx.Error(path, "label", Messages.PartitionLabelContainsColon);
            }
        }
        ctx.Error(path, "guid", Guid(p.Guid));
        ctx.Error(path, "typeGuid", Guid(p.TypeGuid));
    }

    /// <summary>Empty, or 8-4-4-4-12 hex digits.</summary>
    private static string? Guid(string? guid)
    {
        if (guid is null or "")
        {
            return null;
        }
        if (guid.Length != 36)
        {
            return Messages.DoesntMatchGuidRegex;
        }
        for (var i = 0; i < guid.Length; i++)
        {
            var dash = i is 8 or 13 or 18 or 23;
            if (dash ? guid[i] != '-' : !char.IsAsciiHexDigit(guid[i]))
            {
                return Messages.DoesntMatchGuidRegex;
            }
        }
        return null;
    }

    /// <summary>
    /// The second partition of a colliding number. Go scans a map, so which number it reports when
    /// several collide is random; this reports the number whose first entry comes first.
    /// </summary>
    private static int? NumbersCollide(List<Partition> partitions)
    {
        var first = new Dictionary<long, int>();
        var second = new Dictionary<long, int>();
        long? earliest = null;
        var earliestFirst = int.MaxValue;
        for (var i = 0; i < partitions.Count; i++)
        {
            var number = partitions[i].Number;
            if (number == 0)
            {
                continue;
            }
            if (!first.TryGetValue(number, out var f))
            {
                first[number] = i;
            }
            else if (second.TryAdd(number, i) && f < earliestFirst)
            {
                earliestFirst = f;
                earliest = number;
            }
        }
        return earliest is { } n ? second[n] : null;
    }

    private static long End(Partition p) => p.SizeMiB == 0 ? p.StartMiB!.Value : p.StartMiB!.Value + p.SizeMiB!.Value - 1;

    /// <summary>Go's <c>partitionsOverlap</c>: the index of the other partition of the first overlapping pair.</summary>
    private static int? Overlap(List<Partition> partitions)
    {
        for (var pi = 0; pi < partitions.Count; pi++)
        {
            var p = partitions[pi];
            if (p.StartMiB is not { } pStart || p.SizeMiB is null || pStart == 0)
            {
                continue;
            }
            for (var oi = 0; oi < partitions.Count; oi++)
            {
                var o = partitions[oi];
                if (o.StartMiB is not { } oStart || o.SizeMiB is null || oi == pi || oStart == 0)
                {
                    continue;
                }
                long pEnd = End(p), oEnd = End(o);
                if ((pStart >= oStart && pStart <= oEnd)
                    || (pEnd >= oStart && pEnd <= oEnd)
                    || (pStart < oStart && pEnd > oEnd))
                {
                    return oi;
                }
            }
        }
        return null;
    }

    private static int? LabelsCollide(List<Partition> partitions)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < partitions.Count; i++)
        {
            if (partitions[i].Label is { } label && !seen.Add(label))
            {
                return i;
            }
        }
        return null;
    }
}
