namespace Provisioner.Engine.Logging;

/// <summary>Lines on a text stream (stderr, or stdout with -log-to-stdout), in Ignition's layout: level, then message.</summary>
public sealed class StreamLogSink(TextWriter writer) : ILogSink
{
    private readonly Lock gate = new();

    public void Write(LogLevel level, string message, IReadOnlyList<KeyValuePair<string, string>>? fields = null)
    {
        lock (gate)
        {
            writer.Write(Name(level));
            writer.Write(": ");
            writer.WriteLine(message);
            writer.Flush();
        }
    }

    /// <summary>The level's name padded to nine columns, as Ignition aligns it.</summary>
    private static string Name(LogLevel level) => level switch
    {
        LogLevel.Emergency => "EMERGENCY",
        LogLevel.Alert => "ALERT    ",
        LogLevel.Critical => "CRITICAL ",
        LogLevel.Error => "ERROR    ",
        LogLevel.Warning => "WARNING  ",
        LogLevel.Notice => "NOTICE   ",
        LogLevel.Info => "INFO     ",
        _ => "DEBUG    ",
    };
}
