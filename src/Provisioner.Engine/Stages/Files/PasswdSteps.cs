using System.Globalization;
using Provisioner.Config.Model;
using Provisioner.Engine.Machine;

namespace Provisioner.Engine.Stages.Files;

/// <summary>
/// passwd.groups then passwd.users, made the way Ignition makes them: shadow-utils run with
/// <c>--root</c> (groupadd/groupmod/groupdel, useradd/usermod/userdel), then each user's SSH keys in
/// <c>~/.ssh/authorized_keys.d/ignition</c>. Password hashes are passed as secrets, never logged.
/// </summary>
public static class PasswdSteps
{
    private const string MarkerSuffix = "/.ssh/authorized_keys.d/ignition";
    private const int PrivateDirectoryMode = 0b111_000_000; // 0700
    private const int PrivateFileMode = 0b110_000_000;      // 0600

    public static List<FilesStep> Plan(Passwd passwd, FilesContext ctx)
    {
        var steps = new List<FilesStep>();
        for (var i = 0; i < passwd.Groups.Count; i++)
        {
            steps.Add(GroupStep(passwd.Groups[i], $"$.passwd.groups.{i}", ctx));
        }
        for (var i = 0; i < passwd.Users.Count; i++)
        {
            steps.AddRange(UserSteps(passwd.Users[i], $"$.passwd.users.{i}", ctx));
        }
        if (steps.Count > 0 && ctx.Relabeler.Active)
        {
            steps.Add(new FilesStep("mark the account databases for relabelling", null, () => MarkDatabases(passwd, ctx)));
        }
        return steps;
    }

    private static FilesStep GroupStep(PasswdGroup group, string source, FilesContext ctx)
    {
        var exists = ctx.Accounts.GroupId(group.Name) is not null;
        var root = ctx.HostRoot;
        if (group.ShouldExist == false)
        {
            return exists
                ? Tool($"delete group {group.Name}", source, ctx, ctx.Tools.GroupDel, ["--root", root, group.Name], [])
                : new FilesStep($"group {group.Name} is already absent", source, () => { });
        }
        List<string> args = ["--root", root];
        if (group.Gid is { } gid)
        {
            args.AddRange(["--gid", gid.ToString(CultureInfo.InvariantCulture)]);
        }
        if (!string.IsNullOrEmpty(group.PasswordHash))
        {
            args.AddRange(["--password", group.PasswordHash]);
        }
        if (!exists && group.System == true)
        {
            args.Add("--system");
        }
        args.Add(group.Name);
        return exists
            ? Tool($"modify group {group.Name}", source, ctx, ctx.Tools.GroupMod, args, Secrets(group.PasswordHash))
            : Tool($"add group {group.Name}", source, ctx, ctx.Tools.GroupAdd, args, Secrets(group.PasswordHash));
    }

    private static IEnumerable<FilesStep> UserSteps(PasswdUser user, string source, FilesContext ctx)
    {
        var exists = ctx.Accounts.User(user.Name) is not null;
        var root = ctx.HostRoot;
        if (user.ShouldExist == false)
        {
            yield return exists
                ? Tool($"delete user {user.Name} and its home", source, ctx, ctx.Tools.UserDel, ["--remove", "--root", root, user.Name], [])
                : new FilesStep($"user {user.Name} is already absent", source, () => { });
            yield break;
        }

        var password = user.PasswordHash is null ? null : user.PasswordHash.Length == 0 ? "*" : user.PasswordHash;
        List<string> args = ["--root", root];
        if (exists)
        {
            if (!string.IsNullOrEmpty(user.HomeDir))
            {
                args.AddRange(["--home", user.HomeDir, "--move-home"]);
            }
        }
        else
        {
            if (!string.IsNullOrEmpty(user.HomeDir))
            {
                args.AddRange(["--home-dir", user.HomeDir]);
            }
            args.Add(user.NoCreateHome == true ? "--no-create-home" : "--create-home");
            if (user.NoUserGroup == true)
            {
                args.Add("--no-user-group");
            }
            if (user.System == true)
            {
                args.Add("--system");
            }
            if (user.NoLogInit == true)
            {
                args.Add("--no-log-init");
            }
        }
        if (password is not null || !exists)
        {
            args.AddRange(["--password", password ?? "*"]);
        }
        if (user.Uid is { } uid)
        {
            args.AddRange(["--uid", uid.ToString(CultureInfo.InvariantCulture)]);
        }
        if (!string.IsNullOrEmpty(user.Gecos))
        {
            args.AddRange(["--comment", user.Gecos]);
        }
        if (!string.IsNullOrEmpty(user.PrimaryGroup))
        {
            args.AddRange(["--gid", user.PrimaryGroup]);
        }
        if (user.Groups.Count > 0)
        {
            args.AddRange(["--groups", string.Join(',', user.Groups)]);
        }
        if (!string.IsNullOrEmpty(user.Shell))
        {
            args.AddRange(["--shell", user.Shell]);
        }
        args.Add(user.Name);
        yield return exists
            ? Tool($"modify user {user.Name}", source, ctx, ctx.Tools.UserMod, args, Secrets(password))
            : Tool($"add user {user.Name}", source, ctx, ctx.Tools.UserAdd, args, Secrets(password));

        if (user.NoCreateHome != true && ctx.State.NotatedDirectories is { Count: > 0 })
        {
            yield return new FilesStep($"hand the mounted directories under {user.Name}'s home to the user", source, () => OwnMountedHome(user, ctx));
        }
        if (password is not null)
        {
            // Ignition sets the hash once more with usermod after creating or modifying the user.
            yield return Tool($"set the password of user {user.Name}", source, ctx, ctx.Tools.UserMod,
                ["--root", root, "--password", password, user.Name], [password]);
        }
        if (user.SshAuthorizedKeys.Count > 0)
        {
            yield return new FilesStep($"write {user.SshAuthorizedKeys.Count} SSH key(s) of user {user.Name} to ~{MarkerSuffix}", source,
                () => WriteKeys(user, ctx));
        }
    }

    private static FilesStep Tool(string description, string source, FilesContext ctx, string program, List<string> args, string[] secrets) =>
        new(description, source, () =>
        {
            ctx.Runner.Run(program, args, secrets);
            ctx.AccountsChanged();
        });

    private static string[] Secrets(string? password) => password is null ? [] : [password];

    private static void WriteKeys(PasswdUser user, FilesContext ctx)
    {
        var account = ctx.Accounts.User(user.Name)
            ?? throw new StageFailedException($"user {user.Name} is not in the root's passwd database after it was created");
        var keys = string.Join('\n', user.SshAuthorizedKeys);
        if (!keys.EndsWith('\n'))
        {
            keys += "\n";
        }
        var home = account.Home.TrimEnd('/');
        var path = home + MarkerSuffix;
        // Missing directories from the home down are the user's and private, as if the user had made them;
        // any above the home are the system's (0755, root), like those of every other path.
        var parts = (home + "/.ssh/authorized_keys.d").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var homeDepth = home.Split('/', StringSplitOptions.RemoveEmptyEntries).Length;
        ctx.Fs.EnsureParentDirectories(home.Length == 0 ? "/" : home);
        for (var i = Math.Max(homeDepth, 1); i <= parts.Length; i++)
        {
            var prefix = "/" + string.Join('/', parts, 0, i);
            if (ctx.Fs.Stat(prefix) is null)
            {
                ctx.Fs.CreateDirectories(prefix, PrivateDirectoryMode, account.Uid, account.Gid);
            }
        }
        ctx.Fs.WriteFile(path, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(keys), writable: false), PrivateFileMode, account.Uid, account.Gid);
        ctx.Log.Structured(Logging.LogLevel.Info, $"wrote ssh authorized keys file for user: {user.Name}",
        [
            new("IGNITION_USER_NAME", user.Name),
            new("IGNITION_PATH", path),
            new("MESSAGE_ID", "225067b87bbd4a0cb6ab151f82fa364b"),
        ]);
    }

    private static void OwnMountedHome(PasswdUser user, FilesContext ctx)
    {
        var account = ctx.Accounts.User(user.Name)!;
        foreach (var dir in ctx.State.NotatedDirectories ?? [])
        {
            if (dir == account.Home || dir.StartsWith(account.Home + "/", StringComparison.Ordinal))
            {
                ctx.Fs.SetOwner(dir, account.Uid, account.Gid);
                ctx.Fs.SetMode(dir, PrivateDirectoryMode);
            }
        }
    }

    private static void MarkDatabases(Passwd passwd, FilesContext ctx)
    {
        string[] prefixes = ["passwd", "group", "shadow", "gshadow", "subuid", "subgid"];
        foreach (var name in ctx.Fs.ListNames("/etc").Where(n => prefixes.Any(p => n.StartsWith(p, StringComparison.Ordinal))))
        {
            ctx.Relabeler.Mark("/etc/" + name);
        }
        ctx.Relabeler.Mark("/etc/.pwd.lock");
        foreach (var user in passwd.Users.Where(u => u.NoCreateHome != true && u.ShouldExist != false))
        {
            if (ctx.Accounts.User(user.Name) is { } account)
            {
                var home = ctx.Fs.Lstat(account.Home) is { Type: NodeType.Symlink } ? ctx.Fs.ResolvePath(account.Home + "/.") : account.Home;
                ctx.Relabeler.Mark(home);
            }
        }
    }
}
