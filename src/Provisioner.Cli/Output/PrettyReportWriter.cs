using System.Text;
using Provisioner.Config.Reporting;

namespace Provisioner.Cli.Output;

/// <summary>
/// Findings for people: the message, <c>FILE:LINE:COL</c> and the JSON path, then the offending line
/// with the one before it and a caret under the column.
/// </summary>
internal static class PrettyReportWriter
{
    private const int MaxShownWidth = 160;

    public static void Write(TextWriter output, string file, byte[] source, Report report)
    {
        var lines = SplitLines(source);
        foreach (var entry in report.Entries)
        {
            output.WriteLine($"{entry.Severity.ToString().ToLowerInvariant()}: {entry.Message}");
            var where = entry.Line > 0 ? $"{file}:{entry.Line}:{entry.Column}" : file;
            var path = entry.Path is { Depth: > 0 } p ? $" at {p}" : "";
            output.WriteLine($"  --> {where}{path}");
            if (entry.Line > 0 && entry.Line <= lines.Count)
            {
                var gutter = entry.Line.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
                output.WriteLine($"{new string(' ', gutter)} |");
                if (entry.Line > 1)
                {
                    output.WriteLine($"{(entry.Line - 1).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(gutter)} | {Shown(lines[entry.Line - 2], int.MaxValue).Text}");
                }
                var (text, caret) = Shown(lines[entry.Line - 1], entry.Column);
                output.WriteLine($"{entry.Line} | {text}");
                output.WriteLine($"{new string(' ', gutter)} | {new string(' ', caret)}^");
            }
            output.WriteLine();
        }
        var errors = report.Entries.Count(e => e.Severity == Severity.Error);
        var warnings = report.Entries.Count(e => e.Severity == Severity.Warning);
        output.WriteLine($"{file}: {errors} error(s), {warnings} warning(s)");
    }

    /// <summary>The line as text, cut around the column when it is long; and where the caret goes in it.</summary>
    private static (string Text, int Caret) Shown(ReadOnlyMemory<byte> line, int column)
    {
        var bytes = line.Span;
        var start = 0;
        var byteColumn = Math.Clamp(column - 1, 0, bytes.Length);
        if (column != int.MaxValue && byteColumn > MaxShownWidth / 2)
        {
            start = byteColumn - (MaxShownWidth / 2);
        }
        var end = Math.Min(bytes.Length, start + MaxShownWidth);
        var before = Encoding.UTF8.GetString(bytes[start..Math.Min(byteColumn, end)]).Replace('\t', ' ');
        var text = Encoding.UTF8.GetString(bytes[start..end]).Replace('\t', ' ');
        return (start > 0 ? "…" + text : text, before.Length + (start > 0 ? 1 : 0));
    }

    private static List<ReadOnlyMemory<byte>> SplitLines(byte[] source)
    {
        var lines = new List<ReadOnlyMemory<byte>>();
        var start = 0;
        for (var i = 0; i <= source.Length; i++)
        {
            if (i == source.Length || source[i] == (byte)'\n')
            {
                var end = i > start && source[i - 1] == (byte)'\r' ? i - 1 : i;
                lines.Add(new ReadOnlyMemory<byte>(source, start, end - start));
                start = i + 1;
            }
        }
        return lines;
    }
}
