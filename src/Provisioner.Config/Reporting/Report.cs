namespace Provisioner.Config.Reporting;

/// <summary>
/// The ordered findings about one config. Rules add entries by JSON path only; the parser attaches
/// line and column afterwards from the source it read (<see cref="Correlate"/>).
/// </summary>
public sealed class Report
{
    private readonly List<ReportEntry> entries = [];

    public IReadOnlyList<ReportEntry> Entries => entries;

    public bool HasErrors => entries.Exists(e => e.Severity == Severity.Error);

    public bool IsEmpty => entries.Count == 0;

    public void Error(JsonPath path, string message) => entries.Add(new ReportEntry(Severity.Error, path, 0, 0, message));

    public void Warning(JsonPath path, string message) => entries.Add(new ReportEntry(Severity.Warning, path, 0, 0, message));

    public void Add(ReportEntry entry) => entries.Add(entry);

    public void AddRange(Report other) => entries.AddRange(other.entries);

    /// <summary>Fills in the position of every entry that has a path but no position yet.</summary>
    public void Correlate(Func<JsonPath, (int Line, int Column)> locate)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            if (e.Line == 0 && e.Path is not null)
            {
                var (line, column) = locate(e.Path);
                entries[i] = e with { Line = line, Column = column };
            }
        }
    }

    public override string ToString() => string.Join('\n', entries);
}
