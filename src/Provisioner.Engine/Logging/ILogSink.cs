namespace Provisioner.Engine.Logging;

/// <summary>Where log lines go: the journal, a stream, or a test's list.</summary>
public interface ILogSink
{
    /// <summary>
    /// One message. <paramref name="fields"/> are extra structured journal fields (upper-case names,
    /// such as MESSAGE_ID); a sink that cannot store them drops them.
    /// </summary>
    void Write(LogLevel level, string message, IReadOnlyList<KeyValuePair<string, string>>? fields = null);
}
