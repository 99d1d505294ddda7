using System.Runtime.InteropServices;

namespace Provisioner.Engine.Machine;

internal static partial class Interop
{
    // Unified syscall number, same on x86_64 and aarch64; Linux 6.6 and newer.
    private const nint SysFchmodAt2 = 452;

    [LibraryImport("libc", EntryPoint = "mkdirat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int MkdirAt(int dirfd, string path, uint mode);

    [LibraryImport("libc", EntryPoint = "unlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int UnlinkAt(int dirfd, string path, int flags);

    [LibraryImport("libc", EntryPoint = "unlinkat", SetLastError = true)]
    internal static unsafe partial int UnlinkAt(int dirfd, byte* path, int flags);

    [LibraryImport("libc", EntryPoint = "symlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int SymlinkAt(string target, int newdirfd, string linkpath);

    [LibraryImport("libc", EntryPoint = "linkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int LinkAt(int olddirfd, string oldpath, int newdirfd, string newpath, int flags);

    [LibraryImport("libc", EntryPoint = "renameat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int RenameAt(int olddirfd, string oldpath, int newdirfd, string newpath);

    [LibraryImport("libc", EntryPoint = "fchownat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int FchownAt(int dirfd, string path, uint owner, uint group, int flags);

    [LibraryImport("libc", EntryPoint = "readlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial nint ReadlinkAt(int dirfd, string path, byte* buffer, nuint size);

    // Plain chmod(2) is used only on /proc/self/fd/N, whose magic link names an inode already opened.
    [LibraryImport("libc", EntryPoint = "chmod", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Chmod(string path, uint mode);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint SyscallFchmodAt2(nint number, nint dirfd, string path, nint mode, nint flags);

    /// <summary>fchmodat2(2): unlike fchmodat, it honours AT_SYMLINK_NOFOLLOW (EOPNOTSUPP on a symlink).</summary>
    internal static int FchmodAt2(int dirfd, string path, uint mode, int flags) =>
        (int)SyscallFchmodAt2(SysFchmodAt2, dirfd, path, (nint)mode, flags);
}
