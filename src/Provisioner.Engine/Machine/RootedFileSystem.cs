using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Provisioner.Engine.Machine;

/// <summary>
/// The file system of the target machine, seen from its root directory. Every path is an absolute config
/// path ("/etc/hostname") interpreted under the root: the directory part is opened with openat2(2)
/// RESOLVE_IN_ROOT, so symlinks and ".." in it are followed but the kernel keeps them inside the root,
/// race-free; the last element is then acted on relative to that directory and never followed.
/// Not thread-safe: one instance serves one stage.
/// </summary>
public sealed partial class RootedFileSystem : IDisposable
{
    private const ulong InRoot = Interop.ResolveInRoot | Interop.ResolveNoMagicLinks;
    private const int MaxSymlinkFollows = 40;
    private const int MaxLookupRetries = 16;
    private const int MaxMode = 0xFFF;                  // 07777
    private const uint LeadingDirectoryMode = 0b111_101_101; // 0755, Ignition's mode for directories it adds
    private const uint AppendCreateMode = 0b110_100_100;     // 0644
    private const uint PrivateMode = 0b110_000_000;          // 0600: until ownership and mode are final

    private readonly SafeFd rootDirectory;

    /// <summary>Opens <paramref name="rootPath"/> (a host path) as the root every later path is resolved under.</summary>
    public RootedFileSystem(string rootPath)
    {
        RootPath = rootPath;
        var fd = Interop.OpenAt2(Interop.AtFdCwd, rootPath, Interop.OPath | Interop.ODirectory | Interop.OCloExec, 0, 0);
        if (fd < 0)
        {
            throw Failure("open root", rootPath, LastErrno());
        }
        rootDirectory = new SafeFd(fd);
        // RESOLVE_IN_ROOT is the whole containment guarantee: fail here, clearly, if the kernel lacks it.
        var errno = TryOpenUnderRoot("/", Interop.OPath | Interop.ODirectory, out var probe);
        probe?.Dispose();
        if (errno != 0)
        {
            rootDirectory.Dispose();
            throw Failure("open root", rootPath, errno);
        }
    }

    /// <summary>The host path of the root, as given.</summary>
    public string RootPath { get; }

    /// <summary>False makes <see cref="SetMode"/> take its pre-6.6 path, so tests on a new kernel cover it too.</summary>
    internal bool UseFchmodAt2 { get; init; } = true;

    public void Dispose() => rootDirectory.Dispose();

    /// <summary>Describes the node at <paramref name="path"/> without following a final symlink; null when absent.</summary>
    public NodeInfo? Lstat(string path)
    {
        const string op = "inspect";
        var errno = TryLocate(op, path, out var at, out var directory);
        if (errno == Interop.ENoEnt)
        {
            return null;
        }
        if (errno != 0)
        {
            throw LocateFailure(op, path, directory, errno);
        }
        using (at)
        {
            errno = StatAt(at!.Fd, at.Name, out var st);
            if (errno == Interop.ENoEnt)
            {
                return null;
            }
            if (errno != 0)
            {
                throw Failure(op, path, errno);
            }
            string? target = null;
            if ((st.Mode & Interop.SIfMt) == Interop.SIfLnk)
            {
                target = ReadLink(at.Fd, at.Name, out errno) ?? throw Failure(op, path, errno);
            }
            return ToNodeInfo(st, target);
        }
    }

    /// <summary>
    /// mkdir -p: missing leading directories are created 0755 owned 0:0, the last one with
    /// <paramref name="mode"/> and owner; an existing directory is left as it is. -1 as uid or gid keeps root's.
    /// </summary>
    public void CreateDirectories(string path, int mode, int uid, int gid)
    {
        const string op = "create directory";
        var perm = CheckMode(op, path, mode);
        var parts = Components(op, path);
        var lastIsTarget = parts.Length > 0 && parts[^1] is not ("." or "..");
        MakeDirectories(op, path, parts, lastIsTarget, perm, (uint)uid, (uint)gid);
    }

    /// <summary>Creates the missing directories above <paramref name="path"/> (0755, 0:0).</summary>
    public void EnsureParentDirectories(string path)
    {
        const string op = "create directories above";
        var parts = Components(op, path);
        if (parts.Length <= 1)
        {
            return;
        }
        // Usually the parent is there already (a directory's files come together): one lookup, not a walk.
        var parent = "/" + string.Join('/', parts, 0, parts.Length - 1);
        if (TryOpenUnderRoot(parent, Interop.OPath | Interop.ODirectory, out var existing) == 0)
        {
            existing!.Dispose();
            return;
        }
        MakeDirectories(op, path, parts[..^1], lastIsTarget: false, 0, 0, 0);
    }

    /// <summary>
    /// Replaces <paramref name="path"/> atomically: a temp file in the same directory gets the contents,
    /// is chowned then chmodded (so setuid bits survive) and renamed over the target (a symlink there is
    /// replaced, not written through). On failure the target is untouched. Nothing is synced per file
    /// (thousands of fsyncs would dominate a boot): call <see cref="Sync"/> once when done.
    /// The parent directory must exist (see <see cref="EnsureParentDirectories"/>).
    /// </summary>
    public void WriteFile(string path, Stream contents, int mode, int uid, int gid)
    {
        const string op = "write file";
        var perm = CheckMode(op, path, mode);
        using var at = LocateEntry(op, path);
        string tempName;
        int raw;
        for (var attempt = 0; ; attempt++)
        {
            tempName = TempName.Next(".provisioner-");
            raw = Interop.OpenAt2(at.Fd, tempName,
                Interop.OCreat | Interop.OExcl | Interop.OWrOnly | Interop.ONoFollow | Interop.OCloExec, PrivateMode, 0);
            if (raw >= 0)
            {
                break;
            }
            var errno = LastErrno();
            if (errno != Interop.EExist || attempt >= 8)
            {
                throw Failure(op, path, errno);
            }
        }

        var renamed = false;
        try
        {
            using var file = new SafeFd(raw);
            Copy(op, path, contents, file.Value);
            Check(Interop.Fchown(file.Value, (uint)uid, (uint)gid), op, path);
            Check(Interop.Fchmod(file.Value, perm), op, path);
            if (Interop.RenameAt(at.Fd, tempName, at.Fd, at.Name) != 0)
            {
                var errno = LastErrno();
                throw errno == Interop.EIsDir || errno == Interop.ENotEmpty || errno == Interop.EExist
                    ? Refused(op, path, "a directory exists there", errno)
                    : Failure(op, path, errno);
            }
            renamed = true;
        }
        finally
        {
            if (!renamed)
            {
                Interop.UnlinkAt(at.Fd, tempName, 0);
            }
        }
    }

    /// <summary>Appends to the regular file at <paramref name="path"/>, creating it 0644 0:0 when absent; a symlink there is refused.</summary>
    public void AppendFile(string path, Stream contents)
    {
        const string op = "append to file";
        using var at = LocateEntry(op, path);
        var created = false;
        SafeFd? file = null;
        for (var attempt = 0; file is null; attempt++)
        {
            // O_NONBLOCK: a FIFO must fail (ENXIO) rather than hang the boot.
            var raw = Interop.OpenAt2(at.Fd, at.Name,
                Interop.OWrOnly | Interop.OAppend | Interop.ONoFollow | Interop.ONonBlock | Interop.OCloExec, 0, 0);
            if (raw < 0)
            {
                var errno = LastErrno();
                if (errno != Interop.ENoEnt || attempt >= 4)
                {
                    throw OpenFailure(op, path, errno);
                }
                raw = Interop.OpenAt2(at.Fd, at.Name,
                    Interop.OWrOnly | Interop.OAppend | Interop.OCreat | Interop.OExcl | Interop.ONoFollow | Interop.OCloExec,
                    PrivateMode, 0);
                if (raw < 0)
                {
                    errno = LastErrno();
                    if (errno == Interop.EExist)
                    {
                        continue;
                    }
                    throw OpenFailure(op, path, errno);
                }
                created = true;
            }
            file = new SafeFd(raw);
        }
        using (file)
        {
            RequireRegularFile(op, path, file.Value);
            if (created)
            {
                Check(Interop.Fchown(file.Value, 0, 0), op, path);
                Check(Interop.Fchmod(file.Value, AppendCreateMode), op, path);
            }
            Copy(op, path, contents, file.Value);
        }
    }

    /// <summary>Creates a symlink at <paramref name="path"/> whose target is stored verbatim, then lchowns it.</summary>
    public void CreateSymlink(string path, string target, int uid, int gid)
    {
        const string op = "create symlink";
        if (string.IsNullOrEmpty(target) || target.Contains('\0', StringComparison.Ordinal))
        {
            throw Refused(op, path, "the link target is empty or contains a NUL character");
        }
        using var at = LocateEntry(op, path);
        Check(Interop.SymlinkAt(target, at.Fd, at.Name), op, path);
        Check(Interop.FchownAt(at.Fd, at.Name, (uint)uid, (uint)gid, Interop.AtSymlinkNoFollow), op, path);
    }

    /// <summary>
    /// Hard-links <paramref name="path"/> to <paramref name="target"/>, another config path resolved under
    /// the root the same way; a symlink as the target's last element is linked itself, not followed.
    /// </summary>
    public void CreateHardLink(string path, string target)
    {
        const string op = "create hard link";
        using var at = LocateEntry(op, path);
        using var from = LocateEntry(op, path, target, "target " + target);
        if (Interop.LinkAt(from.Fd, from.Name, at.Fd, at.Name, 0) != 0)
        {
            var errno = LastErrno();
            throw errno == Interop.ENoEnt
                ? Refused(op, path, "target " + target + ": " + ErrnoText.Describe(errno), errno)
                : Failure(op, path, errno);
        }
    }

    /// <summary>
    /// Removes the node at <paramref name="path"/> (a symlink itself, never what it points to); absent is
    /// not an error. Without <paramref name="recursive"/> only files, links and empty directories go;
    /// with it directories are emptied depth-first, never following a symlink.
    /// </summary>
    public void Remove(string path, bool recursive)
    {
        const string op = "remove";
        var errno = TryLocate(op, path, out var at, out var directory);
        if (errno == Interop.ENoEnt)
        {
            return;
        }
        if (errno != 0)
        {
            throw LocateFailure(op, path, directory, errno);
        }
        using (at)
        {
            if (at!.IsDirectoryItself)
            {
                throw NotAnEntry(op, path);
            }
            RemoveEntry(op, path, at.Fd, NullTerminated(at.Name), recursive);
        }
    }

    /// <summary>lchown: sets the owner of the node itself (-1 keeps one of the two).</summary>
    public void SetOwner(string path, int uid, int gid)
    {
        const string op = "change owner of";
        using var at = Locate(op, path);
        Check(Interop.FchownAt(at.Fd, at.Name, (uint)uid, (uint)gid, Interop.AtSymlinkNoFollow | at.EmptyPathFlag), op, path);
    }

    /// <summary>chmod of the node itself, special bits included; a symlink as the last element is refused.</summary>
    public void SetMode(string path, int mode)
    {
        const string op = "change mode of";
        var perm = CheckMode(op, path, mode);
        using var at = Locate(op, path);
        var errno = UseFchmodAt2 ? ChmodNoFollow(at, perm) : Interop.ENoSys;
        if (errno == 0)
        {
            return;
        }
        if (errno == Interop.EOpNotSupp)
        {
            throw SymlinkRefused(op, path, errno);
        }
        if (errno != Interop.ENoSys)
        {
            throw Failure(op, path, errno);
        }
        // Linux before 6.6 has no fchmodat2: pin the node with O_PATH, check it, then chmod that very
        // inode through its /proc magic link (which names the open file, not a path to look up again).
        var raw = Interop.OpenAt2(at.Fd, at.IsDirectoryItself ? "." : at.Name, Interop.OPath | Interop.ONoFollow | Interop.OCloExec, 0, 0);
        if (raw < 0)
        {
            throw Failure(op, path, LastErrno());
        }
        using var node = new SafeFd(raw);
        Check(StatAt(node.Value, "", out var st), op, path);
        if ((st.Mode & Interop.SIfMt) == Interop.SIfLnk)
        {
            throw SymlinkRefused(op, path, Interop.ELoop);
        }
        Check(Interop.Chmod("/proc/self/fd/" + node.Value.ToString(CultureInfo.InvariantCulture), perm), op, path);
    }

    private static int ChmodNoFollow(Location at, uint mode) =>
        Interop.FchmodAt2(at.Fd, at.Name, mode, Interop.AtSymlinkNoFollow | at.EmptyPathFlag) == 0 ? 0 : LastErrno();

    /// <summary>Reads the regular file at <paramref name="path"/>; a symlink as the last element is refused.</summary>
    public byte[] ReadFile(string path)
    {
        const string op = "read file";
        using var at = LocateEntry(op, path);
        // Look before opening so a device or FIFO is never opened at all.
        var errno = StatAt(at.Fd, at.Name, out var st);
        if (errno != 0)
        {
            throw Failure(op, path, errno);
        }
        if ((st.Mode & Interop.SIfMt) == Interop.SIfLnk)
        {
            throw SymlinkRefused(op, path, Interop.ELoop);
        }
        if ((st.Mode & Interop.SIfMt) != Interop.SIfReg)
        {
            throw Refused(op, path, "not a regular file");
        }
        var raw = Interop.OpenAt2(at.Fd, at.Name, Interop.ORdOnly | Interop.ONoFollow | Interop.ONonBlock | Interop.OCloExec, 0, 0);
        if (raw < 0)
        {
            throw OpenFailure(op, path, LastErrno());
        }
        using var file = new SafeFd(raw);
        RequireRegularFile(op, path, file.Value);
        return ReadAll(op, path, file.Value);
    }
}
