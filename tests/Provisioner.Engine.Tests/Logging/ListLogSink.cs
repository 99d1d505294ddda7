using Provisioner.Engine.Logging;

namespace Provisioner.Engine.Tests.Logging;

/// <summary>Keeps every log line, with its level and structured fields, for a test to read.</summary>
internal sealed class ListLogSink : ILogSink
{
    private readonly Lock gate = new();
    private readonly List<(LogLevel Level, string Message, IReadOnlyList<KeyValuePair<string, string>> Fields)> entries = [];

    public IReadOnlyList<(LogLevel Level, string Message, IReadOnlyList<KeyValuePair<string, string>> Fields)> Entries
    {
        get
        {
            lock (gate)
            {
                return [.. entries];
            }
        }
    }

    public IEnumerable<string> Messages => Entries.Select(e => e.Message);

    /// <summary>Every message and every field value, one per line: what a secret must never appear in.</summary>
    public string AllText => string.Join('\n', Entries.SelectMany(e => e.Fields.Select(f => f.Value).Prepend(e.Message)));

    public void Write(LogLevel level, string message, IReadOnlyList<KeyValuePair<string, string>>? fields = null)
    {
        lock (gate)
        {
            entries.Add((level, message, fields ?? []));
        }
    }
}
