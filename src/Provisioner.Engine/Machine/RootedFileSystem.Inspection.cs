using System.Globalization;

namespace Provisioner.Engine.Machine;

/// <summary>Read-only questions about the tree: where a path really leads, what a link points at, what a directory holds.</summary>
public sealed partial class RootedFileSystem
{
    private string? rootRealPath;

    /// <summary>Like <see cref="Lstat"/>, but a symlink as the last element is followed (inside the root); null when nothing is there.</summary>
    public NodeInfo? Stat(string path)
    {
        const string op = "inspect";
        Components(op, path);
        var errno = TryOpenUnderRoot(path, Interop.OPath, out var fd);
        if (errno is Interop.ENoEnt or Interop.ENotDir or Interop.ELoop)
        {
            return null;
        }
        if (errno != 0)
        {
            throw Failure(op, path, errno, resolving: true);
        }
        using (fd)
        {
            errno = StatAt(fd!.Value, "", out var st);
            return errno == 0 ? ToNodeInfo(st, null) : throw Failure(op, path, errno);
        }
    }

    /// <summary>
    /// Where <paramref name="path"/> lands once the symlinks of its directory part are followed inside the
    /// root, as an absolute path under the root; the last element is not followed. Directories that do not
    /// exist yet are taken as written. This is how two config entries are found to name the same node.
    /// </summary>
    public string ResolvePath(string path) => Resolve(path, known: null);

    /// <summary>
    /// <see cref="ResolvePath"/> for many paths while the tree does not change (planning a stage): each
    /// directory is resolved once, so 10,000 files in a few hundred directories cost a few hundred lookups.
    /// </summary>
    public Func<string, string> PathResolver()
    {
        var known = new Dictionary<string, string>(StringComparer.Ordinal);
        return path => Resolve(path, known);
    }

    private string Resolve(string path, Dictionary<string, string>? known)
    {
        var parts = Components("resolve", path);
        return parts.Length == 0 ? "/" : LexicalJoin(ResolveDirectory(path, parts, parts.Length - 1, known), parts[^1..]);
    }

    /// <summary>The real place of the directory named by the first <paramref name="count"/> parts, or of its nearest existing ancestor plus the rest as written.</summary>
    private string ResolveDirectory(string path, string[] parts, int count, Dictionary<string, string>? known)
    {
        const string op = "resolve";
        if (count == 0)
        {
            return "/";
        }
        var directory = "/" + string.Join('/', parts, 0, count);
        if (known is not null && known.TryGetValue(directory, out var cached))
        {
            return cached;
        }
        string resolved;
        var errno = TryOpenUnderRoot(directory, Interop.OPath | Interop.ODirectory, out var fd);
        if (errno is Interop.ENoEnt or Interop.ENotDir)
        {
            resolved = LexicalJoin(ResolveDirectory(path, parts, count - 1, known), parts[(count - 1)..count]);
        }
        else if (errno != 0)
        {
            throw Failure(op, path, errno, resolving: true);
        }
        else
        {
            using (fd)
            {
                resolved = RealPathUnderRoot(op, path, fd!.Value);
            }
        }
        if (known is not null)
        {
            known[directory] = resolved;
        }
        return resolved;
    }

    /// <summary>The names in the directory at <paramref name="path"/> (resolved inside the root); empty when it does not exist.</summary>
    public IReadOnlyList<string> ListNames(string path)
    {
        const string op = "list directory";
        Components(op, path);
        var errno = TryOpenUnderRoot(path, Interop.ORdOnly | Interop.ODirectory, out var fd);
        if (errno is Interop.ENoEnt or Interop.ENotDir)
        {
            return [];
        }
        if (errno != 0)
        {
            throw Failure(op, path, errno, resolving: true);
        }
        using (fd)
        {
            // The descriptor was opened safely; its /proc link names that very directory, whatever happens to paths.
            return System.IO.Directory.EnumerateFileSystemEntries(ProcFd(fd!.Value)).Select(System.IO.Path.GetFileName).ToList()!;
        }
    }

    /// <summary>syncfs(2) on the root's file system: one flush for everything a stage wrote.</summary>
    public void Sync()
    {
        // The root is held as O_PATH, which syncfs refuses: open it once more for reading.
        var raw = Interop.OpenAt2(rootDirectory.Value, ".", Interop.ORdOnly | Interop.ODirectory | Interop.OCloExec, 0, 0);
        if (raw < 0)
        {
            throw Failure("sync", "/", LastErrno());
        }
        using var root = new SafeFd(raw);
        Check(Interop.Syncfs(root.Value), "sync", "/");
    }

    private string RealPathUnderRoot(string operation, string path, int fd)
    {
        // The kernel names an open descriptor's path in its /proc link (readlink directly: a FileSystemInfo per call adds up).
        var real = ReadLink(Interop.AtFdCwd, ProcFd(fd), out var errno) ?? throw Failure(operation, path, errno);
        var rootReal = rootRealPath ??= ReadLink(Interop.AtFdCwd, ProcFd(rootDirectory.Value), out _) ?? RootPath;
        if (rootReal == "/")
        {
            return real;
        }
        return real == rootReal ? "/" : real[rootReal.Length..];
    }

    private static string ProcFd(int fd) => "/proc/self/fd/" + fd.ToString(CultureInfo.InvariantCulture);

    private static string LexicalJoin(string directory, string[] rest)
    {
        var parts = new List<string>(directory.Split('/', StringSplitOptions.RemoveEmptyEntries));
        foreach (var part in rest)
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part != ".")
            {
                parts.Add(part);
            }
        }
        return "/" + string.Join('/', parts);
    }
}
