using Provisioner.Engine.Tests.Machine;

namespace Provisioner.Engine.Tests.Stages.Files;

/// <summary>
/// Hostile links in the target root meet whole configs run through the stages: every write either lands
/// inside the root, the links followed as if the root were "/", or fails with a clear error naming the
/// config entry. The bar is the root's parent: the sandbox outside the root and the host paths the links
/// name are compared before and after every test.
/// </summary>
public sealed class FilesStageHostileLinkTests : IDisposable
{
    private readonly EngineRun _run = new();
    private readonly HostSnapshot _host;
    private readonly string _outsideBefore;
    private readonly bool _hostSshBefore = Directory.Exists("/.ssh");

    public FilesStageHostileLinkTests()
    {
        try
        {
            _host = new HostSnapshot();
            _outsideBefore = Box.SnapshotOutsideRoot();
        }
        catch
        {
            _run.Dispose();
            throw;
        }
    }

    private Sandbox Box => _run.Box;

    public void Dispose()
    {
        try
        {
            Assert.Equal(_outsideBefore, Box.SnapshotOutsideRoot());
            _host.AssertUnchanged(Box.Token, Box.Dir);
            Assert.Equal(_hostSshBefore, Directory.Exists("/.ssh"));
        }
        finally
        {
            _run.Dispose();
        }
    }

    /// <summary>Every spelling of "/etc/x points at the top" lands on the root itself.</summary>
    [Theory]
    [InlineData("/")]
    [InlineData("..")]
    [InlineData("../../..")]
    [InlineData("/../..")]
    [InlineData("../../../../../../../../..")]
    public void WritingThroughALinkAboveTheRootLandsOnTheRoot(string target)
    {
        _run.Link("/etc/x", target);

        _run.Provision(Ign.Config($$"""
            "storage": {
              "files": [ { "path": "/etc/x/passwd", "overwrite": true, "contents": { "source": "data:,hacked" } },
                         { "path": "/etc/x/hosts", "append": [ { "source": "data:,hacked" } ] } ],
              "directories": [ { "path": "/etc/x/{{Box.Token}}", "mode": 448 } ],
              "links": [ { "path": "/etc/x/hl", "target": "/etc/x/passwd", "hard": true },
                         { "path": "/etc/x/sl", "target": "/outside/canary" } ] }
            """));

        Assert.Equal("hacked", _run.Read("/passwd"));
        Assert.Equal("hacked", _run.Read("/hosts"));
        Assert.Equal("directory|700|0|0", _run.Stat("/" + Box.Token));
        Assert.Equal("hacked", _run.Read("/hl"));
        Assert.Equal("/outside/canary", new FileInfo(_run.InRoot("/sl")).LinkTarget);
    }

    /// <summary>The whole /etc pointing out: the stage's own files (units, preset, result file) follow it inside.</summary>
    [Theory]
    [InlineData("../../..")]
    [InlineData("/")]
    public void AnEtcLinkedAboveTheRootTakesTheStagesOwnFilesToTheRoot(string target)
    {
        _run.Link("/etc", target);

        _run.Provision(Ign.Config("""
            "systemd": { "units": [ { "name": "app.service", "contents": "[Unit]\n", "enabled": true, "dropins": [ { "name": "a.conf", "contents": "" } ] },
                                    { "name": "bad.service", "mask": true } ] }
            """));

        Assert.Equal("[Unit]\n", _run.Read("/systemd/system/app.service"));
        Assert.Equal("", _run.Read("/systemd/system/app.service.d/a.conf"));
        Assert.Equal("/dev/null", new FileInfo(_run.InRoot("/systemd/system/bad.service")).LinkTarget);
        Assert.Equal("enable app.service\n", _run.Read("/systemd/system-preset/20-ignition.preset"));
        Assert.Equal("regular file|600|0|0", _run.Stat("/.ignition-result.json"));
    }

    /// <summary>
    /// setfiles runs on the host and looks paths up with the host's kernel: every path it is given must
    /// already be resolved inside the root, or a link in it would send the relabelling to a host file.
    /// </summary>
    [Theory]
    [InlineData("/")]
    [InlineData("../..")]
    public void TheRelabelListNamesNoPathThroughALink(string target)
    {
        _run.Write("/etc/selinux/config", "SELINUX=enforcing\nSELINUXTYPE=targeted\n");
        _run.Link("/etc/x", target);
        _run.Link("/etc/abs", Box.Outside);
        var stdin = Path.Combine(_run.Host, "setfiles.stdin");
        _run.Tools = _run.Tools with { Setfiles = _run.Script("setfiles", $"cat > '{stdin}'\n") };

        _run.Provision(Ign.Config("""
            "storage": {
              "files": [ { "path": "/etc/x/hostname", "contents": { "source": "data:,h" } }, { "path": "/etc/abs/canary" } ],
              "directories": [ { "path": "/etc/x/usr/new" } ] },
            "systemd": { "units": [ { "name": "a.service", "contents": "[Unit]\n" } ] }
            """));

        var paths = File.ReadAllText(stdin).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(_run.Root + "/hostname", paths);
        Assert.Contains(_run.Root + "/usr", paths);
        foreach (var path in paths)
        {
            Assert.StartsWith(_run.Root + "/", path, StringComparison.Ordinal);
            for (var dir = Path.GetDirectoryName(path)!; dir != _run.Root; dir = Path.GetDirectoryName(dir)!)
            {
                Assert.True(new DirectoryInfo(dir).LinkTarget is null, $"{path} goes through the link {dir}");
            }
        }
    }

    [Fact]
    public void AnAbsoluteLinkChainToRealHostPathsIsRebuiltUnderTheRoot()
    {
        _run.Link("/etc/app", "/opt/link");
        _run.Link("/opt/link", Box.Outside);
        _run.Link("/opt/top", Box.Dir);

        _run.Provision(Ign.Config("""
            "storage": {
              "files": [ { "path": "/etc/app/canary", "overwrite": true, "contents": { "source": "data:,inside" } },
                         { "path": "/opt/top/passwd", "append": [ { "source": "data:,hacked" } ] } ],
              "directories": [ { "path": "/etc/app/dir/sub", "overwrite": true } ] }
            """));

        Assert.Equal("inside", _run.Read(Box.Outside + "/canary"));
        Assert.True(Directory.Exists(_run.InRoot(Box.Outside + "/dir/sub")));
        Assert.Equal("hacked", _run.Read(Box.Dir + "/passwd"));
    }

    [Theory]
    [InlineData("/etc/loop/x")]
    [InlineData("/etc/self/x")]
    public void ALinkLoopFailsCleanlyNamingTheEntry(string path)
    {
        _run.Link("/etc/loop", "loop2");
        _run.Link("/etc/loop2", "/etc/loop");
        _run.Link("/etc/self", "self");

        var message = _run.ProvisionFails(Ign.Config($$"""
            "storage": { "files": [ { "path": "/etc/fine", "contents": { "source": "data:,x" } },
                                    { "path": "{{path}}", "contents": { "source": "data:,x" } } ] }
            """));

        Assert.StartsWith("$.storage.files.1: ", message, StringComparison.Ordinal);
        Assert.Contains("too many levels of symbolic links", message, StringComparison.Ordinal);
    }

    [Fact]
    public void AHardLinkWhoseTargetEscapesFindsNothingOutside()
    {
        _run.Link("/etc/esc", "../../../outside");

        var message = _run.ProvisionFails(Ign.Config("""
            "storage": { "links": [ { "path": "/etc/hl", "target": "/etc/esc/canary", "hard": true } ] }
            """));

        Assert.StartsWith("$.storage.links.0: create hard link /etc/hl to /etc/esc/canary: cannot create hard link /etc/hl: target /etc/esc/canary: ", message, StringComparison.Ordinal);
        Assert.False(Path.Exists(_run.InRoot("/etc/hl")));
    }

    [Fact]
    public void AHardLinkThroughAnEscapingLinkLinksTheFileInsideTheRoot()
    {
        _run.Link("/etc/esc", "../../../outside");
        _run.Link("/etc/abs", Box.Outside + "/canary");
        _run.Write("/outside/canary", "inner");

        _run.Provision(Ign.Config("""
            "storage": { "links": [ { "path": "/etc/hl", "target": "/etc/esc/canary", "hard": true },
                                    { "path": "/etc/hl-to-link", "target": "/etc/abs", "hard": true } ] }
            """));

        Assert.Equal("inner", _run.Read("/etc/hl"));
        Assert.Equal(Sandbox.Stat(_run.InRoot("/outside/canary")).Split('|')[6], Sandbox.Stat(_run.InRoot("/etc/hl")).Split('|')[6]);
        // The link itself is linked, never what it names.
        Assert.Equal(Box.Outside + "/canary", new FileInfo(_run.InRoot("/etc/hl-to-link")).LinkTarget);
    }

    [Fact]
    public void UnitAndDropinNamesThatClimbStayInsideTheRoot()
    {
        _run.Link("/etc/systemd/system/up", "/../../../..");

        _run.Provision(Ign.Config("""
            "systemd": { "units": [
              { "name": "../../../../../../../../../x.service", "contents": "[Unit]\n",
                "dropins": [ { "name": "../../../../../../../../../../y.conf", "contents": "[Unit]\n" } ] },
              { "name": "up/passwd.service", "contents": "hacked" },
              { "name": "../../../../../../../../outside/canary.service", "mask": true },
              { "name": "../../../../../../../../z.service", "mask": false } ] }
            """));

        Assert.Equal("[Unit]\n", _run.Read("/x.service"));
        Assert.Equal("[Unit]\n", _run.Read("/y.conf"));
        Assert.Equal("hacked", _run.Read("/passwd.service"));
        Assert.Equal("/dev/null", new FileInfo(_run.InRoot("/outside/canary.service")).LinkTarget);
    }

    /// <summary>A home that is a link above the root: the keys and their directories land in the root's own top.</summary>
    [Theory]
    [InlineData("/", true)]
    [InlineData("../../../../..", false)]
    public void SshKeysOfAUserWhoseHomeLinksAboveTheRootStayInside(string target, bool createHome)
    {
        _run.SeedAccounts();
        _run.Link("/home/evil", target);

        _run.Provision(Ign.Config($$"""
            "passwd": { "users": [ { "name": "evil", "uid": 1666, "homeDir": "/home/evil", "noCreateHome": {{(createHome ? "false" : "true")}},
                                     "sshAuthorizedKeys": [ "ssh-ed25519 AAAA evil" ] } ] }
            """));

        Assert.Equal("ssh-ed25519 AAAA evil\n", _run.Read("/.ssh/authorized_keys.d/ignition"));
        Assert.Equal("regular file|600|1666|1666", _run.Stat("/.ssh/authorized_keys.d/ignition"));
        Assert.Equal("directory|700|1666|1666", _run.Stat("/.ssh"));
        Assert.Equal(target, new FileInfo(_run.InRoot("/home/evil")).LinkTarget);
    }

    /// <summary>
    /// A home linking to a real host path dangles inside the root: the keys are refused, naming the user (Ignition,
    /// creating the directories as the user, fails there too), and nothing is written at the host path.
    /// </summary>
    [Fact]
    public void SshKeysOfAUserWhoseHomeNamesARealHostPathAreRefusedCleanly()
    {
        _run.SeedAccounts();
        _run.Link("/home/evil", Box.Dir);

        var message = _run.ProvisionFails(Ign.Config("""
            "passwd": { "users": [ { "name": "evil", "homeDir": "/home/evil", "noCreateHome": true, "sshAuthorizedKeys": [ "ssh-ed25519 AAAA evil" ] } ] }
            """));

        Assert.Equal("$.passwd.users.0: write 1 SSH key(s) of user evil to ~/.ssh/authorized_keys.d/ignition: cannot create directory /home/evil: a non-directory already exists there", message);
        Assert.False(Path.Exists(_run.InRoot(Box.Dir)));
    }

    [Fact]
    public void OverwriteBelowAnEscapingLinkRemovesOnlyInsideTheRoot()
    {
        _run.Link("/etc/abs", Box.Outside);
        _run.Link("/etc/rel", "../../../../outside");
        _run.Link("/etc/file-link", Box.Outside + "/canary");
        _run.Write("/outside/dir/file", "inner");

        _run.Provision(Ign.Config("""
            "storage": {
              "files": [ { "path": "/etc/abs/canary", "overwrite": true, "contents": { "source": "data:,replaced" } },
                         { "path": "/etc/rel/dir", "overwrite": true, "contents": { "source": "data:,was%20a%20dir" } },
                         { "path": "/etc/file-link", "overwrite": true, "contents": { "source": "data:,not%20through" } } ],
              "directories": [ { "path": "/etc/abs/dir", "overwrite": true } ],
              "links": [ { "path": "/etc/rel/link", "overwrite": true, "target": "/elsewhere" } ] }
            """));

        Assert.Equal("replaced", _run.Read(Box.Outside + "/canary"));
        Assert.True(Directory.Exists(_run.InRoot(Box.Outside + "/dir")));
        Assert.Equal("was a dir", _run.Read("/outside/dir"));
        Assert.Equal("not through", _run.Read("/etc/file-link"));
        Assert.Equal("/elsewhere", new FileInfo(_run.InRoot("/outside/link")).LinkTarget);
    }

    [Fact]
    public void ALastElementLinkingOutIsRefusedWithoutOverwrite()
    {
        _run.Link("/etc/motd", Box.Outside + "/canary");
        _run.Link("/etc/d", Box.Outside + "/dir");

        var message = _run.ProvisionFails(Ign.Config("""
            "storage": { "files": [ { "path": "/etc/motd", "mode": 511, "append": [ { "source": "data:,hacked" } ] } ] }
            """));
        Assert.StartsWith("$.storage.files.0: ", message, StringComparison.Ordinal);
        Assert.EndsWith($": a non-regular file (a symlink to {Box.Outside}/canary) exists at /etc/motd already and overwrite is false", message, StringComparison.Ordinal);

        message = _run.ProvisionFails(Ign.Config("""
            "storage": { "directories": [ { "path": "/etc/d", "mode": 511 } ] }
            """));
        Assert.StartsWith("$.storage.directories.0: create directory /etc/d mode 0777: a non-directory (a symlink to ", message, StringComparison.Ordinal);
    }
}
