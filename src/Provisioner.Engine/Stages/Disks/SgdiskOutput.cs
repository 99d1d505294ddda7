using System.Globalization;
using System.Text.RegularExpressions;

namespace Provisioner.Engine.Stages.Disks;

/// <summary>
/// What sgdisk prints, parsed: the partition numbers of <c>--print</c>, the blocks of <c>--info=N</c> (several
/// in one run, in the order asked). Labels are the text between the first and the last quote of the
/// "Partition name" line; sgdisk does not escape them, so a label holding a newline cannot be read back.
/// </summary>
public static partial class SgdiskOutput
{
    [GeneratedRegex(@"^\s+(\d+)\s+\d+\s+\d+\s")]
    private static partial Regex PrintRow();

    [GeneratedRegex(@"^First sector: (\d+) \(")]
    private static partial Regex FirstSector();

    [GeneratedRegex(@"^Last sector: (\d+) \(")]
    private static partial Regex LastSector();

    [GeneratedRegex(@"^Partition GUID code: ([0-9A-Fa-f-]{36})")]
    private static partial Regex TypeCode();

    [GeneratedRegex(@"^Partition unique GUID: ([0-9A-Fa-f-]{36})")]
    private static partial Regex UniqueGuid();

    /// <summary>The partition numbers in the table <c>sgdisk --print</c> shows.</summary>
    public static List<int> Numbers(string print) =>
        [.. Lines(print).Select(l => PrintRow().Match(l)).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    /// <summary>The entries of <c>sgdisk --info=N…</c>, one block per number asked, in that order.</summary>
    public static List<ExistingPartition> Info(string output, IReadOnlyList<int> numbers)
    {
        var result = new List<ExistingPartition>();
        string? type = null, guid = null, label = null;
        long? first = null, last = null;
        foreach (var line in Lines(output))
        {
            if (TypeCode().Match(line) is { Success: true } t)
            {
                type = t.Groups[1].Value.ToUpperInvariant();
            }
            else if (UniqueGuid().Match(line) is { Success: true } g)
            {
                guid = g.Groups[1].Value.ToUpperInvariant();
            }
            else if (FirstSector().Match(line) is { Success: true } f)
            {
                first = long.Parse(f.Groups[1].Value, CultureInfo.InvariantCulture);
            }
            else if (LastSector().Match(line) is { Success: true } e)
            {
                last = long.Parse(e.Groups[1].Value, CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("Partition name: '", StringComparison.Ordinal) && line.EndsWith('\''))
            {
                label = line["Partition name: '".Length..^1];
            }
            else
            {
                continue;
            }
            // "Partition name" ends a block.
            if (label is not null)
            {
                if (type is null || guid is null || first is null || last is null || result.Count == numbers.Count)
                {
                    throw new FormatException("sgdisk --info printed an incomplete or unexpected partition block");
                }
                result.Add(new ExistingPartition(numbers[result.Count], first.Value, last.Value - first.Value + 1, label, guid, type));
                type = guid = label = null;
                first = last = null;
            }
        }
        if (result.Count != numbers.Count)
        {
            throw new FormatException($"sgdisk --info printed {result.Count} partition blocks, {numbers.Count} were asked for");
        }
        return result;
    }

    /// <summary>
    /// Start and size of each partition a <c>sgdisk --pretend … --info=N…</c> run was asked about, in that order:
    /// the First/Last sector pairs. More pairs than asked, or a pair cut short, is an error.
    /// </summary>
    public static Dictionary<int, (long Start, long Size)> Pretend(string output, IReadOnlyList<int> numbers)
    {
        var result = new Dictionary<int, (long, long)>();
        long? first = null;
        var seen = 0;
        foreach (var line in Lines(output))
        {
            if (FirstSector().Match(line) is { Success: true } f)
            {
                if (first is not null || seen == numbers.Count)
                {
                    throw new FormatException("sgdisk --pretend printed an unexpected First sector line");
                }
                first = long.Parse(f.Groups[1].Value, CultureInfo.InvariantCulture);
            }
            else if (LastSector().Match(line) is { Success: true } e)
            {
                if (first is null)
                {
                    throw new FormatException("sgdisk --pretend printed a Last sector line without a First sector line");
                }
                var last = long.Parse(e.Groups[1].Value, CultureInfo.InvariantCulture);
                result[numbers[seen++]] = (first.Value, last - first.Value + 1);
                first = null;
            }
        }
        if (seen != numbers.Count || first is not null)
        {
            throw new FormatException($"sgdisk --pretend described {seen} partitions, {numbers.Count} were asked for");
        }
        return result;
    }

    private static string[] Lines(string text) => text.Replace("\r", "", StringComparison.Ordinal).Split('\n');
}
