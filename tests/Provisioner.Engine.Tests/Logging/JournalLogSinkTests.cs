using System.Text;
using Provisioner.Engine.Logging;

namespace Provisioner.Engine.Tests.Logging;

/// <summary>The journal sink against a real unix datagram socket standing in for journald.</summary>
public sealed class JournalLogSinkTests : IDisposable
{
    // F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE: what journald demands of a passed memfd.
    private const int AllSeals = 0xF;

    private readonly JournalReceiver journal = new();
    private readonly StringWriter stderr = new();
    private readonly JournalLogSink sink;

    public JournalLogSinkTests() => sink = new JournalLogSink(stderr, journal.SocketPath);

    public void Dispose()
    {
        sink.Dispose();
        journal.Dispose();
    }

    [Fact]
    public void SimpleMessageArrivesAsMessagePriorityAndIgnitionIdentifier()
    {
        sink.Write(LogLevel.Info, "files: createFiles: op(1): [started]  writing file \"/etc/hostname\"");

        var received = journal.Receive();
        Assert.Null(received.PassedFile);
        Assert.Equal(
            "MESSAGE=files: createFiles: op(1): [started]  writing file \"/etc/hostname\"\n" +
            "PRIORITY=6\nSYSLOG_IDENTIFIER=ignition\n",
            Encoding.UTF8.GetString(received.Payload));
        Assert.Equal("", stderr.ToString());
    }

    [Theory]
    [InlineData(LogLevel.Emergency, "0")]
    [InlineData(LogLevel.Critical, "2")]
    [InlineData(LogLevel.Error, "3")]
    [InlineData(LogLevel.Warning, "4")]
    [InlineData(LogLevel.Notice, "5")]
    [InlineData(LogLevel.Debug, "7")]
    public void PriorityIsTheSyslogNumberOfTheLevel(LogLevel level, string priority)
    {
        sink.Write(level, "x");

        Assert.Contains(("PRIORITY", priority, false), JournalReceiver.Parse(journal.Receive().Entry));
    }

    [Fact]
    public void MultiLineMessageTravelsInTheBinarySafeForm()
    {
        const string message = "config:\n{\"ignition\": {\"version\": \"3.4.0\"}}\nend ✓";
        sink.Write(LogLevel.Debug, message);

        var entry = journal.Receive().Entry;
        var length = Encoding.UTF8.GetByteCount(message);
        var expectedStart = "MESSAGE\n"u8.ToArray()
            .Concat(BitConverter.GetBytes((ulong)length))
            .Concat(Encoding.UTF8.GetBytes(message + "\n"))
            .ToArray();
        Assert.Equal(expectedStart, entry.Take(expectedStart.Length).ToArray());
        Assert.Equal(
            [("MESSAGE", message, true), ("PRIORITY", "7", false), ("SYSLOG_IDENTIFIER", "ignition", false)],
            JournalReceiver.Parse(entry));
    }

    [Fact]
    public void StructuredFieldsFollowTheStandardOnes()
    {
        sink.Write(LogLevel.Info, "fetched user config",
        [
            new("MESSAGE_ID", "57124006b5c94805b77ce473e92a8aeb"),
            new("IGNITION_CONFIG_TYPE", "user"),
            new("IGNITION_CONFIG_SRC", "data:,first\nsecond"),
            new("EMPTY", ""),
        ]);

        Assert.Equal(
        [
            ("MESSAGE", "fetched user config", false),
            ("PRIORITY", "6", false),
            ("SYSLOG_IDENTIFIER", "ignition", false),
            ("MESSAGE_ID", "57124006b5c94805b77ce473e92a8aeb", false),
            ("IGNITION_CONFIG_TYPE", "user", false),
            ("IGNITION_CONFIG_SRC", "data:,first\nsecond", true),
            ("EMPTY", "", false),
        ], JournalReceiver.Parse(journal.Receive().Entry));
    }

    [Fact]
    public void InvalidFieldNamesAreDroppedAndValidOnesKept()
    {
        string[] invalid =
        [
            "lower", "Mixed_Case", "_PID", "_TRUSTED", "1ST", "HAS-DASH", "HAS SPACE", "HAS=EQUALS", "HAS\nNEWLINE",
            "", "ÄPFEL", new string('A', 65),
        ];
        var valid = new[] { "A", "A1", "A_B_", new string('Z', 64) };
        sink.Write(LogLevel.Info, "m",
            [.. invalid.Concat(valid).Select(name => new KeyValuePair<string, string>(name, "v"))]);

        var names = JournalReceiver.Parse(journal.Receive().Entry).Select(f => f.Name);
        Assert.Equal(["MESSAGE", "PRIORITY", "SYSLOG_IDENTIFIER", .. valid], names);
    }

    [Fact]
    public void StructuredFieldsCannotDuplicateTheSinksOwnFields()
    {
        sink.Write(LogLevel.Error, "real",
            [new("MESSAGE", "forged"), new("PRIORITY", "0"), new("SYSLOG_IDENTIFIER", "other"), new("KEPT", "yes")]);

        Assert.Equal(
        [
            ("MESSAGE", "real", false), ("PRIORITY", "3", false), ("SYSLOG_IDENTIFIER", "ignition", false),
            ("KEPT", "yes", false),
        ], JournalReceiver.Parse(journal.Receive().Entry));
    }

    [Fact]
    public void MessageTooBigForADatagramArrivesInASealedMemfd()
    {
        // 4 MB: far beyond the default send buffer (net.core.wmem_default, 208 KiB), so sendto fails with EMSGSIZE.
        var message = BigMessage(4 << 20);
        sink.Write(LogLevel.Notice, message, [new("MESSAGE_ID", "big")]);

        var received = journal.Receive();
        Assert.NotNull(received.PassedFile);
        Assert.Empty(received.Payload);
        Assert.Equal(AllSeals, received.Seals);
        Assert.Equal(
        [
            ("MESSAGE", message, true), ("PRIORITY", "5", false), ("SYSLOG_IDENTIFIER", "ignition", false),
            ("MESSAGE_ID", "big", false),
        ], JournalReceiver.Parse(received.Entry));
        Assert.Equal("", stderr.ToString());
    }

    [Fact]
    public void MessageThatFitsADatagramIsNotPassedAsAFile()
    {
        var message = new string('m', 64 * 1024);
        sink.Write(LogLevel.Info, message);

        var received = journal.Receive();
        Assert.Null(received.PassedFile);
        Assert.Equal(("MESSAGE", message, false), JournalReceiver.Parse(received.Payload)[0]);
    }

    [Fact]
    public void MessagesKeepTheirOrder()
    {
        // Fewer than net.unix.max_dgram_qlen (10), past which a send would wait for this thread to receive.
        for (var i = 0; i < 8; i++)
        {
            sink.Write(LogLevel.Info, i == 4 ? BigMessage(1 << 20) : "message " + i);
        }

        for (var i = 0; i < 8; i++)
        {
            var message = JournalReceiver.Parse(journal.Receive().Entry)[0].Value;
            Assert.Equal(i == 4 ? BigMessage(1 << 20) : "message " + i, message);
        }
        Assert.False(journal.HasPending());
    }

    [Fact]
    public void WithoutASocketFileTheLineGoesToTheFallback()
    {
        using var orphan = new JournalLogSink(stderr, Path.Combine(journal.Dir, "missing"));

        orphan.Write(LogLevel.Warning, "no journal here", [new("MESSAGE_ID", "x")]);

        Assert.Equal("WARNING  : no journal here" + Environment.NewLine, stderr.ToString());
    }

    [Fact]
    public void WhenJournaldIsGoneTheLineGoesToTheFallback()
    {
        journal.StopListening();

        sink.Write(LogLevel.Error, "journald died");

        Assert.True(File.Exists(journal.SocketPath));
        Assert.Equal("ERROR    : journald died" + Environment.NewLine, stderr.ToString());
    }

    [Fact]
    public void WhenJournaldIsGoneABigMessageGoesToTheFallbackWhole()
    {
        journal.StopListening();
        var message = BigMessage(4 << 20);

        sink.Write(LogLevel.Info, message);

        Assert.Equal("INFO     : " + message + Environment.NewLine, stderr.ToString());
    }

    [Fact]
    public void AfterAFailureTheNextMessageTriesTheJournalAgain()
    {
        var restarted = Path.Combine(journal.Dir, "restarted");
        using var later = new JournalLogSink(stderr, restarted);
        later.Write(LogLevel.Info, "before");
        File.CreateSymbolicLink(restarted, journal.SocketPath);

        later.Write(LogLevel.Info, "after");

        Assert.Equal("INFO     : before" + Environment.NewLine, stderr.ToString());
        Assert.Equal("after", JournalReceiver.Parse(journal.Receive().Entry)[0].Value);
    }

    [Fact]
    public void AfterDisposeTheLineGoesToTheFallback()
    {
        sink.Dispose();

        sink.Write(LogLevel.Info, "late");

        Assert.Equal("INFO     : late" + Environment.NewLine, stderr.ToString());
        Assert.False(journal.HasPending());
    }

    [Fact]
    public void ASocketPathOf107BytesIsTheLongestAUnixAddressTakes()
    {
        // sun_path holds 108 bytes, the terminating NUL among them.
        var longest = Path.Combine(journal.Dir, new string('l', 107 - journal.Dir.Length - 1));
        File.CreateSymbolicLink(longest, journal.SocketPath);
        using (var atTheLimit = new JournalLogSink(stderr, longest))
        {
            atTheLimit.Write(LogLevel.Info, "the long way");
        }
        Assert.Equal("the long way", JournalReceiver.Parse(journal.Receive().Entry)[0].Value);
        Assert.Equal("", stderr.ToString());

        // Counted in bytes of UTF-8: as many characters as the longest, but one byte more; and empty.
        foreach (var tooLong in new[] { longest + "l", longest[..^1] + "é", "" })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => new JournalLogSink(stderr, tooLong));
            Assert.Equal("socketPath", e.ParamName);
        }
    }

    // Lines of text, so the message needs the binary-safe form and a corrupted offset would show.
    private static string BigMessage(int bytes)
    {
        var text = new StringBuilder(bytes);
        for (var line = 0; text.Length < bytes; line++)
        {
            text.Append("line ").Append(line).Append('\n');
        }
        return text.ToString(0, bytes);
    }
}
