using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Provisioner.Engine.Tests.Logging;

/// <summary>
/// A stand-in for journald: a unix datagram socket bound in a temporary directory that receives entries the way
/// journald does, with recvmsg, so a descriptor passed with SCM_RIGHTS (the memfd path) is received too.
/// </summary>
internal sealed class JournalReceiver : IDisposable
{
    private const int SolSocket = 1;
    private const int ScmRights = 1;
    private const int MsgTrunc = 0x20;
    private const int MsgCmsgCloExec = 0x40000000;
    private const int FGetSeals = 1034;
    private const int BufferSize = 1 << 20;

    private readonly Socket socket;

    public JournalReceiver()
    {
        Dir = Path.Combine(Path.GetTempPath(), "journal-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Dir);
        SocketPath = Path.Combine(Dir, "socket");
        socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(SocketPath));
    }

    public string Dir { get; }

    public string SocketPath { get; }

    /// <summary>Closes the socket but leaves its file, as a journald that died would.</summary>
    public void StopListening()
    {
        // .NET unlinks the path a socket bound when it is disposed: keep the file aside meanwhile.
        var aside = SocketPath + ".aside";
        File.Move(SocketPath, aside);
        socket.Dispose();
        File.Move(aside, SocketPath);
    }

    public void Dispose()
    {
        socket.Dispose();
        Directory.Delete(Dir, recursive: true);
    }

    /// <summary>True when a datagram is waiting (or arrives within <paramref name="milliseconds"/>).</summary>
    public bool HasPending(int milliseconds = 0) => socket.Poll(milliseconds * 1000, SelectMode.SelectRead);

    /// <summary>The next datagram: its payload, and the contents and seals of a descriptor passed with it.</summary>
    public Received Receive()
    {
        Assert.True(HasPending(5000), "no datagram arrived within 5 s");
        var buffer = Marshal.AllocHGlobal(BufferSize);
        var control = Marshal.AllocHGlobal(64);
        var iov = Marshal.AllocHGlobal(2 * IntPtr.Size);
        try
        {
            Marshal.WriteIntPtr(iov, buffer);
            Marshal.WriteIntPtr(iov, IntPtr.Size, BufferSize);
            var header = new MsgHdr { Iov = iov, IovLength = 1, Control = control, ControlLength = 64 };
            var n = RecvMsg(socket.SafeHandle, ref header, MsgCmsgCloExec);
            Assert.True(n >= 0, "recvmsg failed: errno " + Marshal.GetLastPInvokeError());
            Assert.Equal(0, header.Flags & MsgTrunc);
            var payload = new byte[n];
            Marshal.Copy(buffer, payload, 0, (int)n);

            // One SCM_RIGHTS message carrying one descriptor is all the sink ever sends.
            if (header.ControlLength == 0)
            {
                return new Received(payload, null, 0);
            }
            Assert.Equal(SolSocket, Marshal.ReadInt32(control, IntPtr.Size));
            Assert.Equal(ScmRights, Marshal.ReadInt32(control, IntPtr.Size + 4));
            using var fd = new SafeFileHandle(Marshal.ReadInt32(control, IntPtr.Size + 8), ownsHandle: true);
            var seals = Fcntl(fd, FGetSeals, 0);
            var contents = new byte[RandomAccess.GetLength(fd)];
            // pread from 0: the descriptor shares the sender's file offset, which sits at the end.
            for (var done = 0; done < contents.Length;)
            {
                done += RandomAccess.Read(fd, contents.AsSpan(done), done);
            }
            return new Received(payload, contents, seals);
        }
        finally
        {
            Marshal.FreeHGlobal(iov);
            Marshal.FreeHGlobal(control);
            Marshal.FreeHGlobal(buffer);
        }
    }

    /// <summary>
    /// Parses a native-protocol entry: <c>NAME=value\n</c>, or <c>NAME\n</c>, a 64-bit little-endian length,
    /// the value and <c>\n</c>. Returns the fields in order (a name may repeat) and whether each was binary.
    /// </summary>
    public static List<(string Name, string Value, bool Binary)> Parse(byte[] entry)
    {
        var fields = new List<(string, string, bool)>();
        var at = 0;
        while (at < entry.Length)
        {
            var end = Array.IndexOf(entry, (byte)'\n', at);
            Assert.True(end >= 0, $"field at byte {at} has no newline");
            var equals = Array.IndexOf(entry, (byte)'=', at, end - at);
            if (equals >= 0)
            {
                fields.Add((Encoding.ASCII.GetString(entry, at, equals - at),
                    Encoding.UTF8.GetString(entry, equals + 1, end - equals - 1), false));
                at = end + 1;
                continue;
            }
            var name = Encoding.ASCII.GetString(entry, at, end - at);
            var length = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(entry.AsSpan(end + 1, 8)));
            var start = end + 1 + 8;
            Assert.Equal((byte)'\n', entry[start + length]);
            fields.Add((name, Encoding.UTF8.GetString(entry, start, length), true));
            at = start + length + 1;
        }
        return fields;
    }

    internal sealed record Received(byte[] Payload, byte[]? PassedFile, int Seals)
    {
        /// <summary>The entry itself, wherever it travelled: in the datagram, or in the passed memfd.</summary>
        public byte[] Entry => PassedFile ?? Payload;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MsgHdr
    {
        public IntPtr Name;
        public uint NameLength;
        public IntPtr Iov;
        public nuint IovLength;
        public IntPtr Control;
        public nuint ControlLength;
        public int Flags;
    }

    // DllImport, not LibraryImport: the test project does not allow unsafe code, and is never compiled ahead of time.
    [DllImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
    private static extern nint RecvMsg(SafeSocketHandle socket, ref MsgHdr message, int flags);

    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static extern int Fcntl(SafeFileHandle fd, int command, int argument);
}
