using System.Runtime.InteropServices;

namespace Provisioner.Engine.Machine;

internal static partial class Interop
{
    // Linux values on x86_64 and aarch64 (SOL_SOCKET differs only on mips, parisc and sparc; SOCK_DGRAM on mips).
    internal const ushort AfUnix = 1;
    internal const int SockDgram = 2;
    internal const int SockCloExec = OCloExec;
    internal const int SolSocket = 1;
    internal const int ScmRights = 1;
    internal const int MsgNoSignal = 0x4000;
    internal const int EMsgSize = 90;
    internal const int ENoBufs = 105;

    /// <summary>The size of <c>sockaddr_un.sun_path</c>, its terminating NUL included.</summary>
    internal const int SunPathLength = 108;

    /// <summary>The C library's <c>struct msghdr</c>; sequential layout gives glibc's padding on 32 and 64 bits.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct MsgHdr
    {
        public void* Name;
        public uint NameLength;
        public void* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    /// <summary><c>struct iovec</c>: one buffer of a gathered send.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct IoVec
    {
        public void* Base;
        public nuint Length;
    }

    /// <summary><c>struct cmsghdr</c> followed by one descriptor: its size is CMSG_SPACE(sizeof(int)).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ControlMessageWithFd
    {
        public nuint Length;
        public int Level;
        public int Type;
        public int Fd;
    }

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    internal static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "sendmsg", SetLastError = true)]
    internal static unsafe partial nint SendMsg(SafeFd socket, MsgHdr* message, int flags);
}
