using Provisioner.Engine.Machine;

namespace Provisioner.Engine.Logging;

/// <summary>Picks where the log goes, as Ignition does: stdout when asked, else the journal when it runs, else stderr.</summary>
public static class LogSinks
{
    private const uint SIfSock = 0xC000;

    public static ILogSink Choose(bool logToStdout, TextWriter stdout, TextWriter stderr,
        string journalSocket = JournalLogSink.DefaultSocketPath)
    {
        if (logToStdout)
        {
            return new StreamLogSink(stdout);
        }
        return IsSocket(journalSocket) ? new JournalLogSink(stderr, journalSocket) : new StreamLogSink(stderr);
    }

    // Follows a symbolic link, as connecting would: /dev/log, for one, is a link to the journal's socket.
    private static bool IsSocket(string path) =>
        Interop.Statx(Interop.AtFdCwd, path, 0, Interop.StatxBasicStats, out var st) == 0
        && (st.Mode & Interop.SIfMt) == SIfSock;
}
