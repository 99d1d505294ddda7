using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;

namespace Provisioner.Engine.Machine;

/// <summary>Descriptor-level helpers: stat, readlink, copying, recursive removal and the error texts.</summary>
public sealed partial class RootedFileSystem
{
    private const int CopyBufferSize = 64 * 1024;

    private static int StatAt(int dirfd, string name, out Interop.StatxBuffer st) =>
        Interop.Statx(dirfd, name, Interop.AtSymlinkNoFollow | (name.Length == 0 ? Interop.AtEmptyPath : 0),
            Interop.StatxBasicStats, out st) == 0 ? 0 : LastErrno();

    private static NodeInfo ToNodeInfo(in Interop.StatxBuffer st, string? linkTarget)
    {
        var type = (st.Mode & Interop.SIfMt) switch
        {
            Interop.SIfReg => NodeType.File,
            Interop.SIfDir => NodeType.Directory,
            Interop.SIfLnk => NodeType.Symlink,
            _ => NodeType.Other,
        };
        return new NodeInfo(type, st.Mode & MaxMode, unchecked((int)st.Uid), unchecked((int)st.Gid), (long)st.Size,
            linkTarget, ((ulong)st.DevMajor << 32) | st.DevMinor, st.Ino, st.Nlink);
    }

    private static unsafe string? ReadLink(int dirfd, string name, out int errno)
    {
        for (var size = 256; ; size *= 2)
        {
            var buffer = new byte[size];
            fixed (byte* p = buffer)
            {
                var n = Interop.ReadlinkAt(dirfd, name, p, (nuint)size);
                if (n < 0)
                {
                    errno = LastErrno();
                    return null;
                }
                if (n < size)
                {
                    errno = 0;
                    return Encoding.UTF8.GetString(buffer, 0, (int)n);
                }
            }
        }
    }

    private static void RequireRegularFile(string operation, string path, int fd)
    {
        Check(StatAt(fd, "", out var st), operation, path);
        if ((st.Mode & Interop.SIfMt) != Interop.SIfReg)
        {
            throw Refused(operation, path, "not a regular file");
        }
    }

    /// <summary>
    /// Copies <paramref name="source"/> to <paramref name="fd"/>: an in-memory source is written straight
    /// from its buffer, any other through one pooled buffer (a files stage writes thousands of files).
    /// </summary>
    private static void Copy(string operation, string path, Stream source, int fd)
    {
        if (source is MemoryStream memory && memory.TryGetBuffer(out var whole))
        {
            WriteAll(operation, path, fd, whole.AsSpan((int)memory.Position));
            memory.Position = memory.Length;
            return;
        }
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            int n;
            while ((n = source.Read(buffer, 0, buffer.Length)) > 0)
            {
                WriteAll(operation, path, fd, buffer.AsSpan(0, n));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static unsafe void WriteAll(string operation, string path, int fd, ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            var done = 0;
            while (done < data.Length)
            {
                var written = Interop.Write(fd, p + done, (nuint)(data.Length - done));
                if (written < 0)
                {
                    var errno = LastErrno();
                    if (errno == Interop.EIntr)
                    {
                        continue;
                    }
                    throw Failure(operation, path, errno);
                }
                done += (int)written;
            }
        }
    }

    private static unsafe byte[] ReadAll(string operation, string path, int fd)
    {
        using var result = new MemoryStream();
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            fixed (byte* p = buffer)
            {
                while (true)
                {
                    var n = Interop.Read(fd, p, (nuint)buffer.Length);
                    if (n < 0)
                    {
                        var errno = LastErrno();
                        if (errno == Interop.EIntr)
                        {
                            continue;
                        }
                        throw Failure(operation, path, errno);
                    }
                    if (n == 0)
                    {
                        return result.ToArray();
                    }
                    result.Write(buffer, 0, (int)n);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Removes one entry; directories are emptied first, each entry unlinked, never followed.</summary>
    private static unsafe void RemoveEntry(string operation, string path, int dirfd, byte[] name, bool recursive)
    {
        fixed (byte* n = name)
        {
            if (Interop.UnlinkAt(dirfd, n, 0) == 0)
            {
                return;
            }
            var errno = LastErrno();
            if (errno == Interop.ENoEnt)
            {
                return;
            }
            if (errno != Interop.EIsDir)
            {
                throw Failure(operation, path, errno);
            }
            if (recursive)
            {
                EmptyDirectory(operation, path, dirfd, n);
            }
            if (Interop.UnlinkAt(dirfd, n, Interop.AtRemoveDir) != 0)
            {
                errno = LastErrno();
                if (errno != Interop.ENoEnt)
                {
                    throw Failure(operation, path, errno);
                }
            }
        }
    }

    private static unsafe void EmptyDirectory(string operation, string path, int dirfd, byte* name)
    {
        // O_NOFOLLOW: if the directory was swapped for a symlink since unlinkat said EISDIR, stop here.
        var raw = Interop.OpenAt2(dirfd, name, Interop.ORdOnly | Interop.ODirectory | Interop.ONoFollow | Interop.OCloExec, 0, 0);
        if (raw < 0)
        {
            throw Failure(operation, path, LastErrno());
        }
        var dir = Interop.FdOpenDir(raw);
        if (dir == 0)
        {
            var errno = LastErrno();
            Interop.Close(raw);
            throw Failure(operation, path, errno);
        }
        try
        {
            var fd = Interop.DirFd(dir);
            foreach (var child in ReadNames(operation, path, dir))
            {
                var childPath = path.TrimEnd('/') + "/" + Encoding.UTF8.GetString(child, 0, child.Length - 1);
                RemoveEntry(operation, childPath, fd, child, recursive: true);
            }
        }
        finally
        {
            Interop.CloseDir(dir);
        }
    }

    /// <summary>All names in a directory as NUL-terminated bytes (names need not be UTF-8), read before any removal.</summary>
    private static unsafe List<byte[]> ReadNames(string operation, string path, nint dir)
    {
        var names = new List<byte[]>();
        while (true)
        {
            Marshal.SetLastPInvokeError(0);
            var entry = Interop.ReadDir(dir);
            if (entry == 0)
            {
                var errno = LastErrno();
                return errno == 0 ? names : throw Failure(operation, path, errno);
            }
            var name = MemoryMarshal.CreateReadOnlySpanFromNullTerminated((byte*)entry + Interop.DirentNameOffset);
            if (name.SequenceEqual("."u8) || name.SequenceEqual(".."u8))
            {
                continue;
            }
            var copy = new byte[name.Length + 1];
            name.CopyTo(copy);
            names.Add(copy);
        }
    }

    private static byte[] NullTerminated(string name)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(name) + 1];
        Encoding.UTF8.GetBytes(name, bytes);
        return bytes;
    }

    private static uint CheckMode(string operation, string path, int mode) =>
        mode is >= 0 and <= MaxMode
            ? (uint)mode
            : throw Refused(operation, path, "the mode " + Convert.ToString(mode, 8) + " is not between 0 and 07777 (octal)");

    private static void Check(int result, string operation, string path)
    {
        if (result != 0)
        {
            throw Failure(operation, path, LastErrno());
        }
    }

    private static FileSystemOperationException Failure(string operation, string path, int errno, bool resolving = false) =>
        new(operation, path, ErrnoText.Describe(errno, resolving), errno);

    private static FileSystemOperationException Refused(string operation, string path, string reason, int errno = 0) =>
        new(operation, path, reason, errno);

    private static FileSystemOperationException LocateFailure(string operation, string path, string directory, int errno) =>
        new(operation, path, (directory == path ? "" : "directory " + directory + ": ") + ErrnoText.Describe(errno, resolving: true), errno);

    /// <summary>An open of the last element with O_NOFOLLOW reports a symlink as ELOOP; say what it means.</summary>
    private static FileSystemOperationException OpenFailure(string operation, string path, int errno) =>
        errno == Interop.ELoop ? SymlinkRefused(operation, path, errno) : Failure(operation, path, errno);

    private static FileSystemOperationException SymlinkRefused(string operation, string path, int errno) =>
        new(operation, path, "it is a symbolic link, which is not followed", errno);

    private static FileSystemOperationException NotAnEntry(string operation, string path) =>
        new(operation, path, "the path names a directory itself (the root, or ending in \".\" or \"..\"), not an entry in one");
}
