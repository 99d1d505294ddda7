namespace Provisioner.Engine.Logging;

/// <summary>Passes on messages at <paramref name="lowest"/> severity or above (Info drops Debug).</summary>
public sealed class LevelFilterSink(ILogSink inner, LogLevel lowest) : ILogSink
{
    public void Write(LogLevel level, string message, IReadOnlyList<KeyValuePair<string, string>>? fields = null)
    {
        if (level <= lowest)
        {
            inner.Write(level, message, fields);
        }
    }
}
