using System.Runtime.InteropServices;

namespace Provisioner.Engine.Machine;

internal static partial class Interop
{
    // glibc's struct dirent on LP64 Linux (x86_64 and aarch64 alike): d_ino, d_off, d_reclen, d_type, d_name.
    internal const int DirentNameOffset = 19;

    /// <summary>fdopendir(3): on success the DIR owns the descriptor.</summary>
    [LibraryImport("libc", EntryPoint = "fdopendir", SetLastError = true)]
    internal static partial nint FdOpenDir(int fd);

    /// <summary>readdir(3): null at the end (errno 0) or on error (errno set).</summary>
    [LibraryImport("libc", EntryPoint = "readdir", SetLastError = true)]
    internal static partial nint ReadDir(nint dir);

    [LibraryImport("libc", EntryPoint = "dirfd", SetLastError = true)]
    internal static partial int DirFd(nint dir);

    [LibraryImport("libc", EntryPoint = "closedir", SetLastError = true)]
    internal static partial int CloseDir(nint dir);
}
