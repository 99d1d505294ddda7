using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Provisioner.Engine.Machine;

namespace Provisioner.Engine.Logging;

/// <summary>
/// Messages to systemd-journald in its native protocol (https://systemd.io/JOURNAL_NATIVE_PROTOCOL/), tagged
/// SYSLOG_IDENTIFIER=ignition so <c>journalctl -t ignition</c> finds us where it finds Ignition. A message the
/// journal cannot take goes to <c>fallback</c> (stderr) instead: a log line is never lost, and logging never throws.
/// </summary>
public sealed class JournalLogSink : ILogSink, IDisposable
{
    public const string DefaultSocketPath = "/run/systemd/journal/socket";

    // Ignition's identifier, not ours: scripts and people look for `journalctl -t ignition`.
    private const string Identifier = "ignition";

    private static readonly byte[] MessageName = "MESSAGE"u8.ToArray();
    private static readonly byte[] PriorityName = "PRIORITY"u8.ToArray();
    private static readonly byte[] IdentifierName = "SYSLOG_IDENTIFIER"u8.ToArray();

    private readonly Lock gate = new();
    private readonly string socketPath;
    private readonly UnixDomainSocketEndPoint endPoint;
    private readonly Socket socket;
    private readonly StreamLogSink fallback;

    public JournalLogSink(TextWriter fallback, string socketPath = DefaultSocketPath)
    {
        this.socketPath = socketPath;
        endPoint = new UnixDomainSocketEndPoint(socketPath);
        socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        this.fallback = new StreamLogSink(fallback);
    }

    public void Write(LogLevel level, string message, IReadOnlyList<KeyValuePair<string, string>>? fields = null)
    {
        var entry = Serialize(level, message, fields);
        lock (gate)
        {
            try
            {
                Send(entry.WrittenSpan);
                return;
            }
            catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
            {
                // journald is gone or refuses the entry: the line goes to the fallback below.
            }
        }
        fallback.Write(level, message, fields);
    }

    public void Dispose() => socket.Dispose();

    /// <summary>
    /// journald's rule for field names (journal_field_valid): 1 to 64 of A-Z, 0-9 and '_', not starting with a
    /// digit, and not with '_', which marks the fields journald itself vouches for (_PID, _UID, ...).
    /// </summary>
    private static bool IsValidFieldName(string name)
    {
        if (name.Length is 0 or > 64 || name[0] == '_' || char.IsAsciiDigit(name[0]))
        {
            return false;
        }
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c) && c != '_')
            {
                return false;
            }
        }
        return true;
    }

    private static ArrayBufferWriter<byte> Serialize(
        LogLevel level, string message, IReadOnlyList<KeyValuePair<string, string>>? fields)
    {
        var entry = new ArrayBufferWriter<byte>(256 + Encoding.UTF8.GetByteCount(message));
        AppendField(entry, MessageName, message);
        AppendField(entry, PriorityName, ((int)level).ToString(System.Globalization.CultureInfo.InvariantCulture));
        AppendField(entry, IdentifierName, Identifier);
        foreach (var (name, value) in fields ?? [])
        {
            // The three fields above are this sink's to set; a second copy would give the entry two values.
            if (IsValidFieldName(name) && name is not ("MESSAGE" or "PRIORITY" or "SYSLOG_IDENTIFIER"))
            {
                AppendField(entry, Encoding.ASCII.GetBytes(name), value);
            }
        }
        return entry;
    }

    private static void AppendField(ArrayBufferWriter<byte> entry, ReadOnlySpan<byte> name, string value)
    {
        entry.Write(name);
        var length = Encoding.UTF8.GetByteCount(value);
        if (value.Contains('\n'))
        {
            // A newline would end the NAME=value form early: the binary-safe form carries the length instead.
            entry.Write("\n"u8);
            BinaryPrimitives.WriteUInt64LittleEndian(entry.GetSpan(8), (ulong)length);
            entry.Advance(8);
        }
        else
        {
            entry.Write("="u8);
        }
        entry.Advance(Encoding.UTF8.GetBytes(value, entry.GetSpan(length)));
        entry.Write("\n"u8);
    }

    private void Send(ReadOnlySpan<byte> entry)
    {
        try
        {
            socket.SendTo(entry, SocketFlags.None, endPoint);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.MessageSize or SocketError.NoBufferSpaceAvailable)
        {
            // Larger than one datagram may be: journald reads such an entry from a sealed memfd passed to it.
            SendThroughMemfd(entry);
        }
    }

    private unsafe void SendThroughMemfd(ReadOnlySpan<byte> entry)
    {
        using var memfd = new SafeFd(Interop.MemfdCreate("journal-message", Interop.MfdCloExec | Interop.MfdAllowSealing));
        if (memfd.IsInvalid)
        {
            throw Failure("memfd_create");
        }
        fixed (byte* data = entry)
        {
            for (var done = 0; done < entry.Length;)
            {
                var written = Interop.Write(memfd.Value, data + done, (nuint)(entry.Length - done));
                if (written >= 0)
                {
                    done += (int)written;
                }
                else if (Marshal.GetLastPInvokeError() != Interop.EIntr)
                {
                    throw Failure("write to the memfd");
                }
            }
        }
        // journald only takes a memfd that is sealed, so the entry cannot change under it while it reads.
        if (Interop.Fcntl(memfd.Value, Interop.FAddSeals,
                Interop.FSealSeal | Interop.FSealShrink | Interop.FSealGrow | Interop.FSealWrite) < 0)
        {
            throw Failure("seal the memfd");
        }

        // sockaddr_un: the family, then the path, NUL-terminated (UnixDomainSocketEndPoint has checked its length).
        var pathBytes = Encoding.UTF8.GetByteCount(socketPath);
        var address = stackalloc byte[sizeof(ushort) + pathBytes + 1];
        *(ushort*)address = Interop.AfUnix;
        Encoding.UTF8.GetBytes(socketPath, new Span<byte>(address + sizeof(ushort), pathBytes));
        address[sizeof(ushort) + pathBytes] = 0;

        var control = new Interop.ControlMessageWithFd
        {
            Length = (nuint)(sizeof(nuint) + (2 * sizeof(int)) + sizeof(int)),
            Level = Interop.SolSocket,
            Type = Interop.ScmRights,
            Fd = memfd.Value,
        };
        var header = new Interop.MsgHdr
        {
            Name = address,
            NameLength = (uint)(sizeof(ushort) + pathBytes + 1),
            Control = &control,
            ControlLength = (nuint)sizeof(Interop.ControlMessageWithFd),
        };
        while (Interop.SendMsg(socket.SafeHandle, &header, Interop.MsgNoSignal) < 0)
        {
            if (Marshal.GetLastPInvokeError() != Interop.EIntr)
            {
                throw Failure("send the memfd");
            }
        }
    }

    private static IOException Failure(string what) =>
        new($"journal: cannot {what}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
}
