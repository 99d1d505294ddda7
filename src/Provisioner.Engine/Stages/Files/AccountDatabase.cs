using System.Globalization;
using System.Text;
using Provisioner.Engine.Machine;

namespace Provisioner.Engine.Stages.Files;

/// <summary>
/// Users and groups of the target root, read from its /etc/passwd and /etc/group (and, where the root's
/// nsswitch.conf uses nss-altfiles as Flatcar and Fedora CoreOS do, from the read-only copies under /usr).
/// Ignition asks glibc inside a chroot; reading the files gives the same answers for the files and
/// altfiles sources without running code of the target. Re-read after every change.
/// </summary>
public sealed class AccountDatabase
{
    private static readonly string[] AltFilesDirectories = ["/usr/share/baselayout", "/usr/lib"];

    private readonly Dictionary<string, AccountUser> users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> groups = new(StringComparer.Ordinal);

    private AccountDatabase()
    {
    }

    public static AccountDatabase Load(RootedFileSystem fs)
    {
        var db = new AccountDatabase();
        var altFiles = UsesAltFiles(fs);
        foreach (var line in Lines(fs, "/etc/passwd", altFiles ? "passwd" : null))
        {
            var f = line.Split(':');
            if (f.Length >= 7 && int.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
                && int.TryParse(f[3], NumberStyles.None, CultureInfo.InvariantCulture, out var gid))
            {
                db.users.TryAdd(f[0], new AccountUser(f[0], uid, gid, f[5]));
            }
        }
        foreach (var line in Lines(fs, "/etc/group", altFiles ? "group" : null))
        {
            var f = line.Split(':');
            if (f.Length >= 3 && int.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var gid))
            {
                db.groups.TryAdd(f[0], gid);
            }
        }
        return db;
    }

    public AccountUser? User(string name) => users.GetValueOrDefault(name);

    public int? GroupId(string name) => groups.TryGetValue(name, out var gid) ? gid : null;

    private static IEnumerable<string> Lines(RootedFileSystem fs, string path, string? altName)
    {
        var files = new List<string> { path };
        if (altName is not null)
        {
            files.AddRange(AltFilesDirectories.Select(d => d + "/" + altName));
        }
        foreach (var file in files)
        {
            if (fs.Lstat(file) is not { Type: NodeType.File })
            {
                continue;
            }
            foreach (var line in Encoding.UTF8.GetString(fs.ReadFile(file)).Split('\n'))
            {
                if (line.Length > 0 && line[0] is not ('#' or '+' or '-'))
                {
                    yield return line;
                }
            }
        }
    }

    private static bool UsesAltFiles(RootedFileSystem fs)
    {
        if (fs.Lstat("/etc/nsswitch.conf") is not { Type: NodeType.File })
        {
            return false;
        }
        return Encoding.UTF8.GetString(fs.ReadFile("/etc/nsswitch.conf")).Split('\n')
            .Any(l => l.TrimStart().StartsWith("passwd:", StringComparison.Ordinal) && l.Contains("altfiles", StringComparison.Ordinal));
    }
}
