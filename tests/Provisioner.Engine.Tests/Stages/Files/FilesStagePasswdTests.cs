namespace Provisioner.Engine.Tests.Stages.Files;

/// <summary>
/// passwd.groups and passwd.users through the real shadow-utils (useradd/groupadd --root) on a root seeded
/// with a copy of the host's account databases, then the SSH keys (§5.8 of the reference).
/// </summary>
public sealed class FilesStagePasswdTests : IDisposable
{
    private const string Hash = "$6$c0ffee$Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4";
    private const string Keys = "/home/core/.ssh/authorized_keys.d/ignition";

    private readonly EngineRun _run = new();

    public FilesStagePasswdTests()
    {
        try
        {
            _run.SeedAccounts();
        }
        catch
        {
            _run.Dispose();
            throw;
        }
    }

    public void Dispose() => _run.Dispose();

    [Fact]
    public void AUserIsAddedWithItsKeysInAPrivateSshDirectory()
    {
        _run.Provision(Ign.Config($$"""
            "passwd": { "users": [ {
              "name": "core", "uid": 1500, "gecos": "CoreOS Admin", "shell": "/bin/bash", "passwordHash": "{{Hash}}",
              "sshAuthorizedKeys": [ "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFirst first@example", "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQSecond second@example" ] } ] }
            """));

        Assert.Contains("core:x:1500:1500:CoreOS Admin:/home/core:/bin/bash", Lines("/etc/passwd"));
        Assert.Contains(Lines("/etc/shadow"), l => l.StartsWith("core:" + Hash + ":", StringComparison.Ordinal));
        Assert.Contains(Lines("/etc/group"), l => l.StartsWith("core:x:1500:", StringComparison.Ordinal));
        Assert.Equal("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFirst first@example\nssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQSecond second@example\n", _run.Read(Keys));
        Assert.Equal("regular file|600|1500|1500", _run.Stat(Keys));
        Assert.Equal("directory|700|1500|1500", _run.Stat("/home/core/.ssh"));
        Assert.Equal("directory|700|1500|1500", _run.Stat("/home/core/.ssh/authorized_keys.d"));
        Assert.Equal("1500|1500", string.Join('|', _run.Stat("/home/core").Split('|')[2..]));
        var logged = Assert.Single(_run.Log.Entries, e => e.Message.EndsWith("wrote ssh authorized keys file for user: core", StringComparison.Ordinal));
        Assert.Contains(new KeyValuePair<string, string>("IGNITION_PATH", Keys), logged.Fields);
        Assert.DoesNotContain(Hash, _run.Log.AllText, StringComparison.Ordinal);
        Assert.Contains(_run.Log.Messages, m => m.Contains("\"--password\" \"<redacted>\"", StringComparison.Ordinal));
    }

    [Fact]
    public void OnlyTheDirectoriesFromTheHomeDownBelongToTheUser()
    {
        // No home is created, and nothing exists above it: the keys still go in, and /var stays root's and open.
        _run.Provision(Ign.Config("""
            "passwd": { "users": [ { "name": "core", "uid": 1500, "homeDir": "/var/home/core", "noCreateHome": true, "sshAuthorizedKeys": [ "ssh-ed25519 AAAA k" ] } ] }
            """));

        Assert.Equal("ssh-ed25519 AAAA k\n", _run.Read("/var/home/core/.ssh/authorized_keys.d/ignition"));
        Assert.Equal("directory|755|0|0", _run.Stat("/var"));
        Assert.Equal("directory|755|0|0", _run.Stat("/var/home"));
        Assert.Equal("directory|700|1500|1500", _run.Stat("/var/home/core"));
        Assert.Equal("directory|700|1500|1500", _run.Stat("/var/home/core/.ssh"));
    }

    [Fact]
    public void GroupsComeBeforeUsersAndFilesMayBeOwnedByBoth()
    {
        _run.Provision(Ign.Config("""
            "passwd": {
              "users": [ { "name": "alice", "uid": 2601, "primaryGroup": "ops", "groups": [ "audit" ], "noCreateHome": true } ],
              "groups": [ { "name": "ops", "gid": 2500 }, { "name": "audit", "system": true } ] },
            "storage": { "files": [ { "path": "/srv/report", "user": { "name": "alice" }, "group": { "name": "audit" } } ] }
            """));

        Assert.Contains("ops:x:2500:", Lines("/etc/group"));
        var audit = Assert.Single(Lines("/etc/group"), l => l.StartsWith("audit:", StringComparison.Ordinal)).Split(':');
        Assert.Equal("alice", audit[3]);
        Assert.True(int.Parse(audit[2], System.Globalization.CultureInfo.InvariantCulture) < 1000, "a system group gets a system gid");
        Assert.Contains("alice:x:2601:2500::/home/alice:", Lines("/etc/passwd").Select(l => l[..(l.LastIndexOf(':') + 1)]));
        Assert.Contains(Lines("/etc/shadow"), l => l.StartsWith("alice:*:", StringComparison.Ordinal));
        Assert.False(Directory.Exists(_run.InRoot("/home/alice")));
        Assert.Equal("regular empty file|644|2601|" + audit[2], _run.Stat("/srv/report"));
    }

    [Fact]
    public void ASecondRunModifiesTheUserAndReplacesItsKeys()
    {
        _run.Provision(Ign.Config("""
            "passwd": { "users": [ { "name": "core", "uid": 1500, "sshAuthorizedKeys": [ "ssh-ed25519 AAAA old" ] } ] }
            """));
        _run.Provision(Ign.Config("""
            "passwd": { "users": [ { "name": "core", "gecos": "Changed", "sshAuthorizedKeys": [ "ssh-ed25519 BBBB new" ] } ] }
            """));

        Assert.Contains(Lines("/etc/passwd"), l => l.StartsWith("core:x:1500:1500:Changed:/home/core:", StringComparison.Ordinal));
        Assert.Equal("ssh-ed25519 BBBB new\n", _run.Read(Keys));
        Assert.Contains(_run.Log.Messages, m => m.Contains("[started]  modify user core", StringComparison.Ordinal));
    }

    [Fact]
    public void ShouldExistFalseDeletesTheUserAndGroup()
    {
        _run.Provision(Ign.Config("""
            "passwd": { "users": [ { "name": "temp", "uid": 1700 } ], "groups": [ { "name": "tempgrp", "gid": 1701 } ] }
            """));
        Assert.True(Directory.Exists(_run.InRoot("/home/temp")));

        _run.Provision(Ign.Config("""
            "passwd": { "users": [ { "name": "temp", "shouldExist": false }, { "name": "never", "shouldExist": false } ],
                        "groups": [ { "name": "tempgrp", "shouldExist": false } ] }
            """));

        Assert.DoesNotContain(Lines("/etc/passwd"), l => l.StartsWith("temp:", StringComparison.Ordinal));
        Assert.DoesNotContain(Lines("/etc/group"), l => l.StartsWith("tempgrp:", StringComparison.Ordinal));
        Assert.False(Directory.Exists(_run.InRoot("/home/temp")));
        Assert.Contains(_run.Log.Messages, m => m.Contains("user never is already absent", StringComparison.Ordinal));
    }

    [Fact]
    public void AFailingUseraddFailsTheStageNamingTheUserWithoutItsHash()
    {
        var message = _run.ProvisionFails(Ign.Config($$"""
            "passwd": { "users": [ { "name": "bob", "primaryGroup": "no-such-group", "passwordHash": "{{Hash}}" } ] }
            """));

        Assert.StartsWith("$.passwd.users.0: add user bob: \"useradd\" \"--root\" ", message, StringComparison.Ordinal);
        Assert.Contains("exited with status", message, StringComparison.Ordinal);
        Assert.DoesNotContain(Hash, message, StringComparison.Ordinal);
        Assert.DoesNotContain(Hash, _run.Log.AllText, StringComparison.Ordinal);
    }

    private string[] Lines(string configPath) => _run.Read(configPath).Split('\n');
}
