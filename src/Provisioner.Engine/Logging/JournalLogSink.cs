using System.Buffers;
using System.Buffers.Binary;
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
    // The journal's sockaddr_un, built once. The socket is plain libc rather than System.Net.Sockets, whose first use
    // costs tens of milliseconds of cold start in every stage's process under emulation.
    private readonly byte[] address;
    private readonly SafeFd socket;
    private readonly StreamLogSink fallback;

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="socketPath"/> is empty or too long for a unix
    /// socket address (107 bytes of UTF-8, then the NUL).</exception>
    /// <exception cref="IOException">No socket could be created.</exception>
    public JournalLogSink(TextWriter fallback, string socketPath = DefaultSocketPath)
    {
        address = SocketAddress(socketPath);
        socket = new SafeFd(Interop.Socket(Interop.AfUnix, Interop.SockDgram | Interop.SockCloExec, 0));
        if (socket.IsInvalid)
        {
            throw Failure("create a socket");
        }
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
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // journald is gone or refuses the entry: the line goes to the fallback below.
            }
        }
        fallback.Write(level, message, fields);
    }

    public void Dispose() => socket.Dispose();

    /// <summary>
    /// <c>struct sockaddr_un</c> for <paramref name="socketPath"/>: the family, then the path and its NUL, no longer than
    /// needed. A path starting with a NUL names an abstract socket and takes no terminating NUL, as in
    /// UnixDomainSocketEndPoint.
    /// </summary>
    private static byte[] SocketAddress(string socketPath)
    {
        ArgumentNullException.ThrowIfNull(socketPath);
        var isAbstract = socketPath.Length > 0 && socketPath[0] == '\0';
        var pathBytes = Encoding.UTF8.GetByteCount(socketPath);
        var withNul = isAbstract ? pathBytes : pathBytes + 1;
        if (socketPath.Length == 0 || withNul > Interop.SunPathLength)
        {
            throw new ArgumentOutOfRangeException(nameof(socketPath), socketPath,
                $"journal: the socket path is {pathBytes} bytes of UTF-8; a unix socket address holds 1 to " +
                $"{Interop.SunPathLength - 1} and the terminating NUL");
        }
        var address = new byte[sizeof(ushort) + withNul];
        MemoryMarshal.Write(address, Interop.AfUnix); // sa_family_t, in the machine's byte order
        Encoding.UTF8.GetBytes(socketPath, address.AsSpan(sizeof(ushort)));
        return address;
    }

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

    private unsafe void Send(ReadOnlySpan<byte> entry)
    {
        fixed (byte* data = entry)
        fixed (byte* name = address)
        {
            var buffer = new Interop.IoVec { Base = data, Length = (nuint)entry.Length };
            var header = new Interop.MsgHdr
            {
                Name = name,
                NameLength = (uint)address.Length,
                Iov = &buffer,
                IovLength = 1,
            };
            while (Interop.SendMsg(socket, &header, Interop.MsgNoSignal) < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno is Interop.EMsgSize or Interop.ENoBufs)
                {
                    // Larger than one datagram may be: journald reads such an entry from a sealed memfd passed to it.
                    SendThroughMemfd(entry);
                    return;
                }
                if (errno != Interop.EIntr)
                {
                    throw Failure("send to the journal");
                }
            }
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

        var control = new Interop.ControlMessageWithFd
        {
            Length = (nuint)(sizeof(nuint) + (2 * sizeof(int)) + sizeof(int)),
            Level = Interop.SolSocket,
            Type = Interop.ScmRights,
            Fd = memfd.Value,
        };
        fixed (byte* name = address)
        {
            var header = new Interop.MsgHdr
            {
                Name = name,
                NameLength = (uint)address.Length,
                Control = &control,
                ControlLength = (nuint)sizeof(Interop.ControlMessageWithFd),
            };
            while (Interop.SendMsg(socket, &header, Interop.MsgNoSignal) < 0)
            {
                if (Marshal.GetLastPInvokeError() != Interop.EIntr)
                {
                    throw Failure("send the memfd");
                }
            }
        }
    }

    private static IOException Failure(string what) =>
        new($"journal: cannot {what}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
}
