using System.Runtime.InteropServices;

namespace Provisioner.Engine.Machine;

internal static partial class Interop
{
    /// <summary>The kernel's <c>struct open_how</c>: three u64 on every architecture.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct OpenHow
    {
        public ulong Flags;
        public ulong Mode;
        public ulong Resolve;
    }

    // Unified syscall number (asm-generic numbering for calls added after 5.1), same on x86_64 and aarch64.
    private const nint SysOpenAt2 = 437;

    internal const ulong ResolveNoMagicLinks = 0x02;
    internal const ulong ResolveInRoot = 0x10;

    // glibc has no openat2 wrapper, so it goes through syscall(2); all arguments are integer-class.
    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint SyscallOpenAt2(nint number, nint dirfd, string path, ref OpenHow how, nuint size);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static unsafe partial nint SyscallOpenAt2(nint number, nint dirfd, byte* path, ref OpenHow how, nuint size);

    /// <summary>openat2(2); returns the new descriptor or -1 with errno set.</summary>
    internal static int OpenAt2(int dirfd, string path, int flags, uint mode, ulong resolve)
    {
        var how = new OpenHow { Flags = (ulong)(uint)flags, Mode = mode, Resolve = resolve };
        return (int)SyscallOpenAt2(SysOpenAt2, dirfd, path, ref how, (nuint)Marshal.SizeOf<OpenHow>());
    }

    /// <summary>openat2(2) with a raw NUL-terminated name (directory entries need not be UTF-8).</summary>
    internal static unsafe int OpenAt2(int dirfd, byte* path, int flags, uint mode, ulong resolve)
    {
        var how = new OpenHow { Flags = (ulong)(uint)flags, Mode = mode, Resolve = resolve };
        return (int)SyscallOpenAt2(SysOpenAt2, dirfd, path, ref how, (nuint)sizeof(OpenHow));
    }
}
