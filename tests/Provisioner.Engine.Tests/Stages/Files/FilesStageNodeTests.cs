namespace Provisioner.Engine.Tests.Stages.Files;

/// <summary>
/// storage.files, directories and links, end to end: the config goes through fetch-offline and the cache
/// to the files stage, which writes a temporary root as Ignition would (§5.9 of the reference).
/// </summary>
public sealed class FilesStageNodeTests : IDisposable
{
    private readonly EngineRun _run = new();

    public void Dispose() => _run.Dispose();

    [Fact]
    public void PlainDataUrlIsWrittenWithTheDefaultModeOwnedByRoot()
    {
        _run.Provision(Ign.Config("""
            "storage": { "files": [ { "path": "/etc/motd", "contents": { "source": "data:,hello%20world%0A" } } ] }
            """));

        Assert.Equal("hello world\n", _run.Read("/etc/motd"));
        Assert.Equal("regular file|644|0|0", _run.Stat("/etc/motd"));
        Assert.Equal("directory|755|0|0", _run.Stat("/etc"));
    }

    [Fact]
    public void Base64DataUrlGetsItsModeAndOwnerById()
    {
        _run.Provision(Ign.Config($$"""
            "storage": { "files": [ {
              "path": "/home/app/secret", "mode": {{Ign.Mode("0600")}},
              "user": { "id": 1000 }, "group": { "id": 1001 },
              "contents": { "source": "{{Ign.Data("s3cret\n")}}" } } ] }
            """));

        Assert.Equal("s3cret\n", _run.Read("/home/app/secret"));
        Assert.Equal("regular file|600|1000|1001", _run.Stat("/home/app/secret"));
        Assert.Equal("directory|755|0|0", _run.Stat("/home/app"));
    }

    [Fact]
    public void SetuidModeSurvivesTheOwnerChange()
    {
        _run.Provision(Ign.Config($$"""
            "storage": { "files": [ { "path": "/usr/local/bin/tool", "mode": {{Ign.Mode("04755")}}, "user": { "id": 7 },
              "contents": { "source": "data:,x" } } ] }
            """));

        Assert.Equal("regular file|4755|7|0", _run.Stat("/usr/local/bin/tool"));
    }

    [Fact]
    public void PathsWithEscapedCharactersSurviveTheCache()
    {
        _run.Provision(Ign.Config("""
            "storage": {
              "files": [ { "path": "/etc/\u00fcn\u00efc\u00f8d\u00e9 \"quoted\" <&>\\", "contents": { "source": "data:,%C3%BC" } } ],
              "links": [ { "path": "/etc/caf\u00e9", "target": "/etc/\u00fcn\u00efc\u00f8d\u00e9 \"quoted\" <&>\\" } ] }
            """));

        Assert.Equal("ü", _run.Read("/etc/ünïcødé \"quoted\" <&>\\"));
        Assert.Equal("/etc/ünïcødé \"quoted\" <&>\\", new FileInfo(_run.InRoot("/etc/café")).LinkTarget);
    }

    [Fact]
    public void GzipContentsAreDecompressedAndTheHashChecksTheDecompressedBytes()
    {
        var text = string.Concat(Enumerable.Repeat("compressible line\n", 200));
        _run.Provision(Ign.Config($$"""
            "storage": { "files": [ { "path": "/etc/big", "contents": {
              "compression": "gzip", "source": "{{Ign.Data(Ign.Gzip(text))}}",
              "verification": { "hash": "{{Ign.Sha512(text)}}" } } } ] }
            """));

        Assert.Equal(text, _run.Read("/etc/big"));
    }

    [Fact]
    public void AppendsFollowTheContentsInOrderThenTheModeApplies()
    {
        _run.Provision(Ign.Config($$"""
            "storage": { "files": [ { "path": "/etc/list", "mode": {{Ign.Mode("0640")}}, "contents": { "source": "data:,one%0A" },
              "append": [ { "source": "data:,two%0A" }, { "source": "{{Ign.Data("three\n")}}" } ] } ] }
            """));

        Assert.Equal("one\ntwo\nthree\n", _run.Read("/etc/list"));
        Assert.Equal("regular file|640|0|0", _run.Stat("/etc/list"));
    }

    [Fact]
    public void AppendingToAnExistingFileKeepsWhatIsThere()
    {
        _run.Write("/etc/hosts", "127.0.0.1 localhost\n");

        _run.Provision(Ign.Config("""
            "storage": { "files": [ { "path": "/etc/hosts", "append": [ { "source": "data:,10.0.0.1%20db%0A" } ] } ] }
            """));

        Assert.Equal("127.0.0.1 localhost\n10.0.0.1 db\n", _run.Read("/etc/hosts"));
    }

    [Fact]
    public void AnExistingFileWithoutASourceIsKeptAndGetsTheModeAndOwner()
    {
        _run.Write("/etc/keep", "kept");
        var inode = Machine.Sandbox.Stat(_run.InRoot("/etc/keep")).Split('|')[6];

        _run.Provision(Ign.Config($$"""
            "storage": { "files": [ { "path": "/etc/keep", "mode": {{Ign.Mode("0600")}}, "user": { "id": 5 } } ] }
            """));

        Assert.Equal("kept", _run.Read("/etc/keep"));
        Assert.Equal("regular file|600|5|0", _run.Stat("/etc/keep"));
        Assert.Equal(inode, Machine.Sandbox.Stat(_run.InRoot("/etc/keep")).Split('|')[6]);
    }

    [Fact]
    public void AMissingFileWithoutASourceIsCreatedEmpty()
    {
        _run.Provision(Ign.Config("""
            "storage": { "files": [ { "path": "/var/lib/flag" } ] }
            """));

        Assert.Equal("", _run.Read("/var/lib/flag"));
        Assert.Equal("regular empty file|644|0|0", _run.Stat("/var/lib/flag"));
    }

    [Fact]
    public void AnExistingFileWithASourceAndNoOverwriteFailsNamingTheEntry()
    {
        _run.Write("/etc/hostname", "old\n");

        var message = _run.ProvisionFails(Ign.Config("""
            "storage": { "files": [
              { "path": "/etc/other", "contents": { "source": "data:,x" } },
              { "path": "/etc/hostname", "contents": { "source": "data:,new" } } ] }
            """));

        Assert.StartsWith("$.storage.files.1: write file /etc/hostname: ", message, StringComparison.Ordinal);
        Assert.EndsWith("a file exists at /etc/hostname already and overwrite is false", message, StringComparison.Ordinal);
        Assert.Equal("old\n", _run.Read("/etc/hostname"));
    }

    [Fact]
    public void ADirectoryWhereAFileGoesFailsWithoutOverwrite()
    {
        Directory.CreateDirectory(_run.InRoot("/etc/conf"));

        var message = _run.ProvisionFails(Ign.Config("""
            "storage": { "files": [ { "path": "/etc/conf" } ] }
            """));

        Assert.StartsWith("$.storage.files.0: ", message, StringComparison.Ordinal);
        Assert.EndsWith(" /etc/conf: a non-regular file (a directory) exists at /etc/conf already and overwrite is false", message, StringComparison.Ordinal);
    }

    [Fact]
    public void OverwriteReplacesAFileAndAWholeDirectory()
    {
        _run.Write("/etc/hostname", "old\n");
        _run.Write("/srv/data/deep/file", "old");

        _run.Provision(Ign.Config("""
            "storage": { "files": [
              { "path": "/etc/hostname", "overwrite": true, "contents": { "source": "data:,new%0A" } },
              { "path": "/srv/data", "overwrite": true, "contents": { "source": "data:,now%20a%20file" } } ] }
            """));

        Assert.Equal("new\n", _run.Read("/etc/hostname"));
        Assert.Equal("now a file", _run.Read("/srv/data"));
    }

    [Fact]
    public void OverwriteFalseLeavesNothingHalfDone()
    {
        _run.Write("/etc/a", "a");

        var message = _run.ProvisionFails(Ign.Config("""
            "storage": { "files": [ { "path": "/etc/a", "overwrite": false, "contents": { "source": "data:,b" } } ] }
            """));

        Assert.Contains("overwrite is false", message, StringComparison.Ordinal);
        Assert.Equal(["a"], Directory.GetFileSystemEntries(_run.InRoot("/etc")).Select(Path.GetFileName));
    }

    [Fact]
    public void AVerificationHashMismatchFailsNamingTheEntryAndWritesNothing()
    {
        var message = _run.ProvisionFails(Ign.Config($$"""
            "storage": { "files": [
              { "path": "/etc/ok", "contents": { "source": "data:,ok", "verification": { "hash": "{{Ign.Sha512("ok")}}" } } },
              { "path": "/etc/bad", "contents": { "source": "data:,tampered", "verification": { "hash": "{{Ign.Sha512("original")}}" } } } ] }
            """));

        Assert.StartsWith("$.storage.files.1: write file /etc/bad: file /etc/bad: the contents do not match verification.hash: expected "
            + Ign.Sha512("original") + ", got sha512-", message, StringComparison.Ordinal);
        Assert.Equal("ok", _run.Read("/etc/ok"));
        Assert.False(File.Exists(_run.InRoot("/etc/bad")));
    }

    [Fact]
    public void DirectoriesGetModeAndOwnerWhileTheirParentsAreRootOwned0755()
    {
        _run.Provision(Ign.Config($$"""
            "storage": { "directories": [ { "path": "/var/lib/app/data", "mode": {{Ign.Mode("0750")}}, "user": { "id": 10 }, "group": { "id": 20 } } ] }
            """));

        Assert.Equal("directory|750|10|20", _run.Stat("/var/lib/app/data"));
        Assert.Equal("directory|755|0|0", _run.Stat("/var/lib/app"));
        Assert.Equal("directory|755|0|0", _run.Stat("/var"));
    }

    [Fact]
    public void AnExistingDirectoryKeepsItsContentsAndGetsTheModeAndOwner()
    {
        _run.Write("/srv/www/index.html", "hi");

        _run.Provision(Ign.Config($$"""
            "storage": { "directories": [ { "path": "/srv/www", "mode": {{Ign.Mode("0700")}}, "user": { "id": 33 } } ] }
            """));

        Assert.Equal("directory|700|33|0", _run.Stat("/srv/www"));
        Assert.Equal("hi", _run.Read("/srv/www/index.html"));
    }

    [Fact]
    public void ADirectoryWhereAFileIsFailsWithoutOverwrite()
    {
        _run.Write("/srv/www", "file");

        var message = _run.ProvisionFails(Ign.Config("""
            "storage": { "directories": [ { "path": "/srv/www" } ] }
            """));

        Assert.Equal("$.storage.directories.0: create directory /srv/www: a non-directory (a file) exists at /srv/www already and overwrite is false", message);
    }

    [Fact]
    public void ASymlinkKeepsItsTargetVerbatimAndIsOwnedItself()
    {
        _run.Provision(Ign.Config("""
            "storage": { "links": [
              { "path": "/etc/localtime", "target": "../usr/share/zoneinfo/UTC", "user": { "id": 3 }, "group": { "id": 4 } },
              { "path": "/opt/current", "target": "/opt/v1.2/" } ] }
            """));

        Assert.Equal("../usr/share/zoneinfo/UTC", new FileInfo(_run.InRoot("/etc/localtime")).LinkTarget);
        Assert.Equal("symbolic link|777|3|4", _run.Stat("/etc/localtime"));
        Assert.Equal("/opt/v1.2/", new FileInfo(_run.InRoot("/opt/current")).LinkTarget);
    }

    [Fact]
    public void AnEqualSymlinkIsLeftAloneAndADifferentOneFailsUnlessOverwritten()
    {
        _run.Link("/etc/same", "/a/./b");
        _run.Link("/etc/other", "/old");

        var message = _run.ProvisionFails(Ign.Config("""
            "storage": { "links": [ { "path": "/etc/same", "target": "/a/b" }, { "path": "/etc/other", "target": "/new" } ] }
            """));
        Assert.Equal("$.storage.links.1: create symlink /etc/other -> /new: a symlink exists at /etc/other but points to /old, not /new, and overwrite is false", message);
        Assert.Contains(_run.Log.Messages, m => m.EndsWith("symlink /etc/same to /a/b already exists, doing nothing", StringComparison.Ordinal));
        Assert.Equal("/a/./b", new FileInfo(_run.InRoot("/etc/same")).LinkTarget);

        _run.Provision(Ign.Config("""
            "storage": { "links": [ { "path": "/etc/other", "target": "/new", "overwrite": true } ] }
            """));
        Assert.Equal("/new", new FileInfo(_run.InRoot("/etc/other")).LinkTarget);
    }

    [Fact]
    public void AHardLinkMayTargetAFileDeeperThanItself()
    {
        _run.Provision(Ign.Config("""
            "storage": {
              "links": [ { "path": "/hl", "target": "/deep/er/still/file", "hard": true },
                         { "path": "/relative-hl", "target": "deep/er/still/file", "hard": true } ],
              "files": [ { "path": "/deep/er/still/file", "contents": { "source": "data:,shared" } } ] }
            """));

        var file = Machine.Sandbox.Stat(_run.InRoot("/deep/er/still/file")).Split('|');
        Assert.Equal("3", file[5]);
        Assert.Equal(file[6], Machine.Sandbox.Stat(_run.InRoot("/hl")).Split('|')[6]);
        Assert.Equal(file[6], Machine.Sandbox.Stat(_run.InRoot("/relative-hl")).Split('|')[6]);
    }

    [Fact]
    public void AnExistingHardLinkToAnotherFileFailsWithoutOverwrite()
    {
        _run.Write("/a", "a");
        _run.Write("/b", "b");

        var message = _run.ProvisionFails(Ign.Config("""
            "storage": { "links": [ { "path": "/b", "target": "/a", "hard": true } ] }
            """));

        Assert.Equal("$.storage.links.0: create hard link /b to /a: a file already exists at /b but is not the target /a, and overwrite is false", message);
    }

    [Fact]
    public void EntriesRunShallowFirstByTheirPathAfterTheRootsSymlinks()
    {
        // /s/f looks shallow but lands at depth 4 through the root's own link: the depth-3 directory goes first.
        _run.Link("/s", "/d1/d2/d3");
        Directory.CreateDirectory(_run.InRoot("/d1/d2/d3"));

        _run.Provision(Ign.Config($$"""
            "storage": {
              "files": [ { "path": "/s/f", "contents": { "source": "data:,through" } },
                         { "path": "/x/y/z/w/v", "contents": { "source": "data:,deep" } } ],
              "directories": [ { "path": "/x/y/z", "mode": {{Ign.Mode("0700")}} } ],
              "links": [ { "path": "/l", "target": "/x" }, { "path": "/hl", "target": "/s/f", "hard": true } ] }
            """));

        Assert.Equal("through", _run.Read("/d1/d2/d3/f"));
        Assert.Equal("directory|700|0|0", _run.Stat("/x/y/z"));
        var order = _run.Log.Messages.Where(m => m.Contains("createFilesystemsFiles: op(", StringComparison.Ordinal) && m.Contains("[started]", StringComparison.Ordinal))
            .Select(m => m[(m.IndexOf("[started]", StringComparison.Ordinal) + 11)..]).ToList();
        Assert.Equal(
        [
            "create symlink /l -> /x",
            "create directory /x/y/z mode 0700",
            "write file /s/f",
            "write file /x/y/z/w/v",
            "create hard link /hl to /s/f",
        ], order);
    }

    [Fact]
    public void TwoEntriesResolvingToTheSameNodeFail()
    {
        _run.Link("/etc/alias", "real");
        Directory.CreateDirectory(_run.InRoot("/etc/real"));

        var message = _run.ProvisionFails(Ign.Config("""
            "storage": {
              "directories": [ { "path": "/etc/real/conf" } ],
              "files": [ { "path": "/etc/alias/conf", "contents": { "source": "data:,x" } } ] }
            """));

        Assert.Equal("$.storage.files.0: the file at /etc/alias/conf resolves to /etc/real/conf after following symlinks in the root, where the entry with path /etc/real/conf also goes", message);
        Assert.Empty(Directory.GetFileSystemEntries(_run.InRoot("/etc/real")));
    }

    [Fact]
    public void OwnersByNameComeFromTheRootsDatabasesNotTheHosts()
    {
        _run.Write("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\napp:x:4321:4322:App:/srv/app:/sbin/nologin\n");
        _run.Write("/etc/group", "root:x:0:\nappgrp:x:5432:\n");

        _run.Provision(Ign.Config("""
            "storage": {
              "files": [ { "path": "/srv/app/conf", "user": { "name": "app" }, "group": { "name": "appgrp" } } ],
              "directories": [ { "path": "/srv/app", "user": { "name": "app" } } ],
              "links": [ { "path": "/srv/link", "target": "app", "group": { "name": "appgrp" } } ] }
            """));

        Assert.Equal("regular empty file|644|4321|5432", _run.Stat("/srv/app/conf"));
        Assert.Equal("directory|755|4321|0", _run.Stat("/srv/app"));
        // A symlink's owner defaults to its target's (followed inside the root), as in Ignition.
        Assert.Equal("symbolic link|777|4321|5432", _run.Stat("/srv/link"));
    }

    [Fact]
    public void AnUnknownUserNameFailsNamingTheEntry()
    {
        _run.Write("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n");

        var message = _run.ProvisionFails(Ign.Config("""
            "storage": { "files": [ { "path": "/etc/x", "user": { "name": "ghost" } } ] }
            """));

        Assert.StartsWith("$.storage.files.0: ", message, StringComparison.Ordinal);
        Assert.EndsWith(" /etc/x: user \"ghost\" does not exist in the root's passwd database", message, StringComparison.Ordinal);
        Assert.False(File.Exists(_run.InRoot("/etc/x")));
    }
}
