using System.Runtime.InteropServices;

namespace Provisioner.Engine.Machine;

/// <summary>How config paths become a directory descriptor under the root plus one last element.</summary>
public sealed partial class RootedFileSystem
{
    /// <summary>A resolved directory and the last element in it; an empty name means the directory itself.</summary>
    private sealed class Location(SafeFd directory, string name) : IDisposable
    {
        public int Fd => directory.Value;

        public string Name { get; } = name;

        public bool IsDirectoryItself => Name.Length == 0;

        public int EmptyPathFlag => IsDirectoryItself ? Interop.AtEmptyPath : 0;

        public void Dispose() => directory.Dispose();
    }

    private static string[] Components(string operation, string path)
    {
        ValidatePath(operation, path);
        return path.Split('/', StringSplitOptions.RemoveEmptyEntries);
    }

    private static void ValidatePath(string operation, string path)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '/')
        {
            throw Refused(operation, path ?? "", "the path is not absolute");
        }
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw Refused(operation, path, "the path contains a NUL character");
        }
    }

    /// <summary>
    /// Opens the directory part of <paramref name="path"/> under the root. "/", and paths ending in "." or
    /// "..", name a directory itself (empty last element); a trailing slash is ignored, not a reason to follow.
    /// </summary>
    private int TryLocate(string operation, string path, out Location? location, out string directory)
    {
        string name;
        if (IsPlain(path))
        {
            // The common case, split without allocating every component: no empty, "." or ".." element.
            ValidatePath(operation, path);
            var slash = path.LastIndexOf('/');
            directory = slash == 0 ? "/" : path[..slash];
            name = path[(slash + 1)..];
            return OpenDirectoryPart(directory, name, out location);
        }
        var parts = Components(operation, path);
        if (parts.Length == 0 || parts[^1] is "." or "..")
        {
            directory = "/" + string.Join('/', parts);
            name = "";
        }
        else
        {
            directory = "/" + string.Join('/', parts, 0, parts.Length - 1);
            name = parts[^1];
        }
        return OpenDirectoryPart(directory, name, out location);
    }

    private int OpenDirectoryPart(string directory, string name, out Location? location)
    {
        var errno = TryOpenUnderRoot(directory, Interop.OPath | Interop.ODirectory, out var fd);
        location = errno == 0 ? new Location(fd!, name) : null;
        return errno;
    }

    /// <summary>An absolute path with no empty, "." or ".." element (so no trailing slash either).</summary>
    private static bool IsPlain(string path) =>
        path.Length > 1 && path[0] == '/' && path[^1] != '/'
        && !path.Contains("//", StringComparison.Ordinal)
        && !path.Contains("/./", StringComparison.Ordinal) && !path.Contains("/../", StringComparison.Ordinal)
        && !path.EndsWith("/.", StringComparison.Ordinal) && !path.EndsWith("/..", StringComparison.Ordinal);

    private Location Locate(string operation, string path)
    {
        var errno = TryLocate(operation, path, out var at, out var directory);
        return errno == 0 ? at! : throw LocateFailure(operation, path, directory, errno);
    }

    /// <summary>Like <see cref="Locate"/>, but the path must name an entry that can be created or replaced.</summary>
    private Location LocateEntry(string operation, string path, string? other = null, string? otherLabel = null)
    {
        var resolved = other ?? path;
        var errno = TryLocate(operation, resolved, out var at, out var directory);
        if (errno != 0)
        {
            var within = (otherLabel is null ? "" : otherLabel + ": ") + "directory " + directory;
            throw Refused(operation, path, within + ": " + ErrnoText.Describe(errno, resolving: true), errno);
        }
        if (at!.IsDirectoryItself)
        {
            at.Dispose();
            throw otherLabel is null
                ? NotAnEntry(operation, path)
                : Refused(operation, path, otherLabel + ": names a directory itself");
        }
        return at;
    }

    private int TryOpenUnderRoot(string path, int flags, out SafeFd? fd)
    {
        for (var attempt = 0; ; attempt++)
        {
            var raw = Interop.OpenAt2(rootDirectory.Value, path, flags | Interop.OCloExec, 0, InRoot);
            if (raw >= 0)
            {
                fd = new SafeFd(raw);
                return 0;
            }
            var errno = LastErrno();
            // EAGAIN: a rename elsewhere raced the ".." check; the kernel asks for a fresh lookup.
            if (errno != Interop.EAgain || attempt >= MaxLookupRetries)
            {
                fd = null;
                return errno;
            }
        }
    }

    private SafeFd OpenUnderRoot(string operation, string reportPath, string path, int flags)
    {
        var errno = TryOpenUnderRoot(path, flags, out var fd);
        return errno == 0 ? fd! : throw LocateFailure(operation, reportPath, path, errno);
    }

    /// <summary>
    /// Walks <paramref name="parts"/> from the root, creating what is missing. Each prefix is looked up again
    /// under the root, so symlinks and ".." stay inside it; a dangling symlink is followed the way the kernel
    /// would, with its target read as a path under the root, and the walk starts over on the new path.
    /// </summary>
    private void MakeDirectories(string operation, string path, string[] parts, bool lastIsTarget, uint mode, uint uid, uint gid)
    {
        var follows = 0;
        var dir = OpenUnderRoot(operation, path, "/", Interop.OPath | Interop.ODirectory);
        try
        {
            for (var i = 0; i < parts.Length; i++)
            {
                var isTarget = lastIsTarget && i == parts.Length - 1;
                var name = parts[i];
                int errno;
                if (!isTarget)
                {
                    var prefix = "/" + string.Join('/', parts, 0, i + 1);
                    errno = TryOpenUnderRoot(prefix, Interop.OPath | Interop.ODirectory, out var next);
                    if (errno == 0)
                    {
                        dir.Dispose();
                        dir = next!;
                        continue;
                    }
                    if (errno != Interop.ENoEnt)
                    {
                        throw LocateFailure(operation, path, prefix, errno);
                    }
                }

                errno = CreateOneDirectory(dir.Value, name,
                    isTarget ? mode : LeadingDirectoryMode, isTarget ? uid : 0, isTarget ? gid : 0, out var created);
                if (errno == 0)
                {
                    dir.Dispose();
                    dir = created!;
                    continue;
                }
                if (errno != Interop.EExist)
                {
                    throw Failure(operation, path, errno);
                }

                // Something is there after all: an existing node, a dangling symlink, or a racing creator.
                errno = StatAt(dir.Value, name, out var st);
                if (errno == Interop.ENoEnt && ++follows <= MaxSymlinkFollows)
                {
                    i--;
                    continue;
                }
                if (errno != 0)
                {
                    throw Failure(operation, path, errno);
                }
                var type = st.Mode & Interop.SIfMt;
                if (isTarget)
                {
                    if (type == Interop.SIfDir)
                    {
                        return;
                    }
                    throw Refused(operation, path, "a non-directory already exists there", Interop.EExist);
                }
                if (type == Interop.SIfLnk)
                {
                    if (++follows > MaxSymlinkFollows)
                    {
                        throw Failure(operation, path, Interop.ELoop, resolving: true);
                    }
                    var target = ReadLink(dir.Value, name, out errno) ?? throw Failure(operation, path, errno);
                    var start = target.StartsWith('/') ? target : "/" + string.Join('/', parts, 0, i) + "/" + target;
                    parts = [.. start.Split('/', StringSplitOptions.RemoveEmptyEntries), .. parts[(i + 1)..]];
                    dir.Dispose();
                    dir = OpenUnderRoot(operation, path, "/", Interop.OPath | Interop.ODirectory);
                    i = -1;
                    continue;
                }
                if (type == Interop.SIfDir && ++follows <= MaxSymlinkFollows)
                {
                    i--;
                    continue;
                }
                throw Failure(operation, path, Interop.ENotDir);
            }
        }
        finally
        {
            dir.Dispose();
        }
    }

    /// <summary>mkdirat, then chown and chmod through a descriptor of the new directory itself.</summary>
    private static int CreateOneDirectory(int dirfd, string name, uint mode, uint uid, uint gid, out SafeFd? created)
    {
        created = null;
        // Born 0700 so nobody else can use it before its owner and mode are final (and umask cannot interfere).
        if (Interop.MkdirAt(dirfd, name, 0b111_000_000) != 0)
        {
            return LastErrno();
        }
        var raw = Interop.OpenAt2(dirfd, name, Interop.ORdOnly | Interop.ODirectory | Interop.ONoFollow | Interop.OCloExec, 0, 0);
        if (raw < 0)
        {
            return LastErrno();
        }
        var fd = new SafeFd(raw);
        if (Interop.Fchown(raw, uid, gid) != 0 || Interop.Fchmod(raw, mode) != 0)
        {
            var errno = LastErrno();
            fd.Dispose();
            return errno;
        }
        created = fd;
        return 0;
    }

    private static int LastErrno() => Marshal.GetLastPInvokeError();
}
