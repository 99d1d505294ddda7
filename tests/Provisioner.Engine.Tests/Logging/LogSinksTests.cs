using Provisioner.Engine.Logging;

namespace Provisioner.Engine.Tests.Logging;

/// <summary>Where the log goes: stdout when asked, the journal when its socket is there, stderr otherwise.</summary>
public sealed class LogSinksTests : IDisposable
{
    private readonly JournalReceiver journal = new();
    private readonly StringWriter stdout = new();
    private readonly StringWriter stderr = new();

    public void Dispose() => journal.Dispose();

    [Fact]
    public void LogToStdoutWinsEvenWithAJournal()
    {
        var sink = LogSinks.Choose(logToStdout: true, stdout, stderr, journal.SocketPath);
        sink.Write(LogLevel.Info, "hello");

        Assert.IsType<StreamLogSink>(sink);
        Assert.Equal("INFO     : hello" + Environment.NewLine, stdout.ToString());
        Assert.Equal("", stderr.ToString());
        Assert.False(journal.HasPending());
    }

    [Fact]
    public void AJournalSocketGetsTheLog()
    {
        var sink = LogSinks.Choose(logToStdout: false, stdout, stderr, journal.SocketPath);
        using var disposable = Assert.IsType<JournalLogSink>(sink);
        sink.Write(LogLevel.Info, "hello");

        Assert.Equal("hello", JournalReceiver.Parse(journal.Receive().Entry)[0].Value);
        Assert.Equal("", stdout.ToString() + stderr);
    }

    [Fact]
    public void ALinkToTheJournalSocketCounts()
    {
        var link = Path.Combine(journal.Dir, "log");
        File.CreateSymbolicLink(link, journal.SocketPath);

        using var sink = Assert.IsType<JournalLogSink>(LogSinks.Choose(logToStdout: false, stdout, stderr, link));
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("regular file")]
    [InlineData("directory")]
    [InlineData("dangling link")]
    public void WithoutAJournalSocketTheLogGoesToStderr(string what)
    {
        var path = Path.Combine(journal.Dir, "not-a-socket");
        switch (what)
        {
            case "regular file":
                File.WriteAllText(path, "");
                break;
            case "directory":
                Directory.CreateDirectory(path);
                break;
            case "dangling link":
                File.CreateSymbolicLink(path, Path.Combine(journal.Dir, "nowhere"));
                break;
        }

        var sink = LogSinks.Choose(logToStdout: false, stdout, stderr, path);
        sink.Write(LogLevel.Error, "hello");

        Assert.IsType<StreamLogSink>(sink);
        Assert.Equal("ERROR    : hello" + Environment.NewLine, stderr.ToString());
        Assert.Equal("", stdout.ToString());
    }
}
