namespace Provisioner.Engine.Logging;

/// <summary>
/// The engine's log, shaped like Ignition's so people who read Ignition's journal read ours: a stack of
/// prefixes ("files: createFiles: ") and numbered operations logged as
/// <c>op(N): [started]  …</c>, <c>op(N): [finished] …</c> or <c>op(N): [failed]   …: why</c>.
/// Messages never carry secrets: callers log what is done and where, never contents or password hashes.
/// </summary>
public sealed class Log(ILogSink sink)
{
    private readonly List<string> prefixes = [];
    private string joinedPrefix = ""; // the prefixes joined, kept with them: every line of a stage carries it
    private int operations;

    /// <summary>A log that drops everything, for code paths that log nothing worth keeping (plans, tests).</summary>
    public static Log Discard { get; } = new(new DiscardSink());

    /// <summary>Adds a prefix until the returned scope is disposed.</summary>
    public IDisposable Prefix(string prefix)
    {
        prefixes.Add(prefix);
        JoinPrefixes();
        return new PrefixScope(this, prefixes.Count);
    }

    public void Debug(string message) => Write(LogLevel.Debug, message);

    public void Info(string message) => Write(LogLevel.Info, message);

    public void Notice(string message) => Write(LogLevel.Notice, message);

    public void Warning(string message) => Write(LogLevel.Warning, message);

    public void Error(string message) => Write(LogLevel.Error, message);

    public void Critical(string message) => Write(LogLevel.Critical, message);

    /// <summary>A message with structured journal fields (for example Ignition's MESSAGE_IDs).</summary>
    public void Structured(LogLevel level, string message, IReadOnlyList<KeyValuePair<string, string>> fields) =>
        sink.Write(level, Prefixed(message), fields);

    /// <summary>Runs <paramref name="action"/> as one numbered operation, logging its start and its end.</summary>
    public void Operation(string description, Action action) =>
        Operation(description, () =>
        {
            action();
            return true;
        });

    public T Operation<T>(string description, Func<T> action)
    {
        var id = $"op({++operations})";
        Info($"{id}: [started]  {description}");
        try
        {
            var result = action();
            Info($"{id}: [finished] {description}");
            return result;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Critical($"{id}: [failed]   {description}: {e.Message}");
            throw;
        }
    }

    private void Write(LogLevel level, string message) => sink.Write(level, Prefixed(message));

    private string Prefixed(string message) => joinedPrefix.Length == 0 ? message : joinedPrefix + message;

    private void JoinPrefixes() => joinedPrefix = string.Concat(prefixes.Select(p => p + ": "));

    private sealed class PrefixScope(Log log, int depth) : IDisposable
    {
        public void Dispose()
        {
            if (log.prefixes.Count >= depth)
            {
                log.prefixes.RemoveRange(depth - 1, log.prefixes.Count - depth + 1);
                log.JoinPrefixes();
            }
        }
    }

    private sealed class DiscardSink : ILogSink
    {
        public void Write(LogLevel level, string message, IReadOnlyList<KeyValuePair<string, string>>? fields = null)
        {
        }
    }
}
