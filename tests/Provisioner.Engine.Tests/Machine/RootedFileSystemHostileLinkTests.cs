using Provisioner.Engine.Machine;

namespace Provisioner.Engine.Tests.Machine;

/// <summary>
/// Hostile links planted in the root: every operation through them either acts inside the root, resolved
/// as if the root were "/", or fails with a clear error; nothing outside the root is ever touched. Each
/// test compares a full snapshot of the sandbox outside the root, and the host paths the links name.
/// </summary>
public sealed class RootedFileSystemHostileLinkTests : IDisposable
{
    private const int Mode644 = 0b110_100_100;
    private const int Mode755 = 0b111_101_101;

    private readonly Sandbox _box = new();
    private readonly HostSnapshot _host = new();
    private readonly string _outsideBefore;

    public RootedFileSystemHostileLinkTests() => _outsideBefore = _box.SnapshotOutsideRoot();

    private RootedFileSystem Fs => _box.Fs;

    public void Dispose()
    {
        try
        {
            Assert.Equal(_outsideBefore, _box.SnapshotOutsideRoot());
            _host.AssertUnchanged(_box.Token, _box.Dir);
        }
        finally
        {
            _box.Dispose();
        }
    }

    /// <summary>Each spelling of "/etc points at the top" must land on the root itself.</summary>
    [Theory]
    [InlineData("/")]
    [InlineData("../../..")]
    [InlineData("..")]
    [InlineData("/../..")]
    [InlineData("../../../../../../../../..")]
    [InlineData(".")]
    public void EtcPointingAboveTheRootActsOnTheRoot(string target)
    {
        _box.Link("/etc", target);
        var name = "pv" + _box.Token;

        Fs.WriteFile("/etc/passwd", Sandbox.Bytes("hacked"), Mode644, 0, 0);
        Assert.Equal("hacked", File.ReadAllText(_box.InRoot("/passwd")));
        Fs.AppendFile("/etc/passwd", Sandbox.Bytes("+more"));
        Assert.Equal("hacked+more", File.ReadAllText(_box.InRoot("/passwd")));
        Assert.Equal("hacked+more"u8.ToArray(), Fs.ReadFile("/etc/../etc/passwd"));

        Fs.CreateDirectories("/etc/" + name, 0b111_000_000, 5, 5);
        Assert.Equal("directory|700|5|5", Prefix(Sandbox.Stat(_box.InRoot("/" + name)), 4));
        Fs.EnsureParentDirectories("/etc/sub/" + name + "/file");
        Assert.True(Directory.Exists(_box.InRoot("/sub/" + name)));

        Fs.CreateSymlink("/etc/" + name + "-link", "/outside/canary", 0, 0);
        Assert.Equal("/outside/canary", new FileInfo(_box.InRoot("/" + name + "-link")).LinkTarget);
        Fs.CreateHardLink("/etc/hl", "/etc/passwd");
        Assert.True(Fs.Lstat("/hl")!.IsSameNode(Fs.Lstat("/passwd")!));

        Fs.SetOwner("/etc/passwd", 7, 8);
        Fs.SetMode("/etc/passwd", 0x9ED);
        Assert.Equal("regular file|4755|7|8", Prefix(Sandbox.Stat(_box.InRoot("/passwd")), 4));

        Assert.Null(Fs.Lstat("/etc/../outside/canary"));
        Assert.Equal("hacked+more", File.ReadAllText(_box.InRoot("/passwd")));
        Assert.Equal(20, Assert.Throws<FileSystemOperationException>(() => Fs.Lstat("/etc/../../passwd/x")).Errno);
        Assert.Equal(2, Assert.Throws<FileSystemOperationException>(() => Fs.ReadFile("/etc/../../outside/canary")).Errno);
        Assert.Equal(2, Assert.Throws<FileSystemOperationException>(() => Fs.SetMode("/etc/../../outside/canary", 0b111_111_111)).Errno);
        Assert.Equal(2, Assert.Throws<FileSystemOperationException>(() => Fs.SetOwner("/etc/../../outside/canary", 9, 9)).Errno);
        Fs.Remove("/etc/../../outside/canary", recursive: true);

        var whole = Assert.Throws<FileSystemOperationException>(() => Fs.Remove("/etc/../..", recursive: true));
        Assert.StartsWith("cannot remove /etc/../..: the path names a directory itself", whole.Message);
        Fs.Remove("/etc/passwd", recursive: false);
        Assert.False(File.Exists(_box.InRoot("/passwd")));
        Fs.Remove("/etc", recursive: true);
        Assert.Null(Fs.Lstat("/etc"));
        Assert.True(Directory.Exists(_box.InRoot("/" + name)));
    }

    [Fact]
    public void AbsoluteLinkToTheOutsideNameResolvesToThatNameUnderTheRoot()
    {
        _box.Link("/a", "/outside");
        Assert.Equal("cannot write file /a/canary: directory /a: no such file or directory",
            Assert.Throws<FileSystemOperationException>(() => Fs.WriteFile("/a/canary", Sandbox.Bytes("hacked"), Mode644, 0, 0)).Message);
        Assert.Equal(2, Assert.Throws<FileSystemOperationException>(() => Fs.CreateSymlink("/a/b", "/", 0, 0)).Errno);
        Assert.Equal(2, Assert.Throws<FileSystemOperationException>(() => Fs.AppendFile("/a/passwd", Sandbox.Bytes("x"))).Errno);
        Assert.Equal(2, Assert.Throws<FileSystemOperationException>(() => Fs.CreateHardLink("/hl", "/a/canary")).Errno);
        Assert.Equal(2, Assert.Throws<FileSystemOperationException>(() => Fs.SetMode("/a/canary", 0b111_111_111)).Errno);
        Assert.Equal(2, Assert.Throws<FileSystemOperationException>(() => Fs.SetOwner("/a/dir/file", 9, 9)).Errno);
        Assert.Null(Fs.Lstat("/a/canary"));
        Fs.Remove("/a/canary", recursive: true);
        Fs.Remove("/a/dir", recursive: true);

        // A dangling link in the directory part is followed as the kernel would, but under the root.
        Fs.CreateDirectories("/a/new", Mode755, 0, 0);
        Assert.True(Directory.Exists(_box.InRoot("/outside/new")));
        Fs.EnsureParentDirectories("/a/p/q/file");
        Assert.True(Directory.Exists(_box.InRoot("/outside/p/q")));
        Fs.WriteFile("/a/canary", Sandbox.Bytes("inside"), Mode644, 0, 0);
        Assert.Equal("inside", File.ReadAllText(_box.InRoot("/outside/canary")));
    }

    [Fact]
    public void SymlinkLoopsFailWithTooManyLevels()
    {
        _box.Link("/loop1", "/loop2");
        _box.Link("/loop2", "/loop1");
        var write = Assert.Throws<FileSystemOperationException>(() => Fs.WriteFile("/loop1/f", Sandbox.Bytes("x"), Mode644, 0, 0));
        Assert.Equal("cannot write file /loop1/f: directory /loop1: too many levels of symbolic links", write.Message);
        Assert.Equal(40, Assert.Throws<FileSystemOperationException>(() => Fs.CreateDirectories("/loop1/d", Mode755, 0, 0)).Errno);
        Assert.Equal(40, Assert.Throws<FileSystemOperationException>(() => Fs.EnsureParentDirectories("/loop2/a/b")).Errno);
        Assert.Equal(40, Assert.Throws<FileSystemOperationException>(() => Fs.Lstat("/loop1/x")).Errno);
        Assert.Equal(40, Assert.Throws<FileSystemOperationException>(() => Fs.Remove("/loop1/x", recursive: true)).Errno);
        Assert.Equal(NodeType.Symlink, Fs.Lstat("/loop1")!.Type);
        Fs.Remove("/loop1", recursive: true);
        Assert.Null(Fs.Lstat("/loop1"));
        Assert.NotNull(Fs.Lstat("/loop2"));
    }

    [Fact]
    public void DanglingLinkChainsThatNeverEndAreCutOff()
    {
        // Each link names the next one's child, so only the directory walk's own counter can stop it.
        _box.Link("/c1", "/c2/x");
        _box.Link("/c2", "/c1/y");
        var error = Assert.Throws<FileSystemOperationException>(() => Fs.CreateDirectories("/c1/z", Mode755, 0, 0));
        Assert.Equal(40, error.Errno);
        Assert.Equal(["c1", "c2"], Directory.GetFileSystemEntries(_box.Root).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void RelativeLinkClimbingOutIsNeverFollowedAsTheLastElement()
    {
        _box.Link("/x", "../../outside/canary");
        Assert.Equal("../../outside/canary", Fs.Lstat("/x")!.LinkTarget);
        Assert.StartsWith("cannot read file /x: it is a symbolic link", Assert.Throws<FileSystemOperationException>(() => Fs.ReadFile("/x")).Message);
        Assert.StartsWith("cannot change mode of /x: it is a symbolic link", Assert.Throws<FileSystemOperationException>(() => Fs.SetMode("/x", 0b111_111_111)).Message);
        Assert.StartsWith("cannot append to file /x: it is a symbolic link", Assert.Throws<FileSystemOperationException>(() => Fs.AppendFile("/x", Sandbox.Bytes("x"))).Message);
        Assert.Equal(17, Assert.Throws<FileSystemOperationException>(() => Fs.CreateSymlink("/x", "/elsewhere", 0, 0)).Errno);
        Assert.Equal(17, Assert.Throws<FileSystemOperationException>(() => Fs.CreateDirectories("/x", Mode755, 0, 0)).Errno);

        Fs.SetOwner("/x", 1234, 1235);
        Assert.Equal("symbolic link|777|1234|1235", Prefix(Sandbox.Stat(_box.InRoot("/x")), 4));

        // A hard link to a symlink links the symlink itself.
        Fs.CreateHardLink("/hl", "/x");
        Assert.True(Fs.Lstat("/hl")!.IsSameNode(Fs.Lstat("/x")!));
        Assert.Equal(NodeType.Symlink, Fs.Lstat("/hl")!.Type);

        // Through the link as a directory: it resolves to /outside/canary under the root, which is absent.
        Assert.Equal(2, Assert.Throws<FileSystemOperationException>(() => Fs.WriteFile("/x/f", Sandbox.Bytes("x"), Mode644, 0, 0)).Errno);

        Fs.WriteFile("/x", Sandbox.Bytes("replaced"), Mode644, 0, 0);
        Assert.Equal(NodeType.File, Fs.Lstat("/x")!.Type);
        Fs.Remove("/hl", recursive: false);
        Fs.Remove("/x", recursive: true);
        Assert.Empty(Directory.GetFileSystemEntries(_box.Root));
    }

    [Fact]
    public void LinksToRealHostPathsStayUnderTheRoot()
    {
        var name = "pv" + _box.Token;
        _box.Link("/hosttmp", "/tmp");
        _box.Link("/hostetc", "/etc");
        _box.Link("/sandbox", _box.Outside);

        Assert.Equal(2, Assert.Throws<FileSystemOperationException>(() => Fs.WriteFile("/hostetc/passwd", Sandbox.Bytes("hacked"), Mode644, 0, 0)).Errno);
        Assert.Equal(2, Assert.Throws<FileSystemOperationException>(() => Fs.WriteFile("/hostetc/" + name, Sandbox.Bytes("x"), Mode644, 0, 0)).Errno);
        Assert.Equal(2, Assert.Throws<FileSystemOperationException>(() => Fs.AppendFile("/hostetc/passwd", Sandbox.Bytes("x"))).Errno);
        Assert.Equal(2, Assert.Throws<FileSystemOperationException>(() => Fs.ReadFile("/hostetc/passwd")).Errno);
        Assert.Equal(2, Assert.Throws<FileSystemOperationException>(() => Fs.SetMode("/hostetc/passwd", 0b111_111_111)).Errno);
        Assert.Equal(2, Assert.Throws<FileSystemOperationException>(() => Fs.SetOwner("/hostetc/passwd", 99, 99)).Errno);
        Assert.Equal(2, Assert.Throws<FileSystemOperationException>(() => Fs.CreateHardLink("/hl", "/hostetc/passwd")).Errno);
        Assert.Equal(2, Assert.Throws<FileSystemOperationException>(() => Fs.CreateSymlink("/hosttmp/" + name, "/", 0, 0)).Errno);
        Assert.Equal(2, Assert.Throws<FileSystemOperationException>(() => Fs.WriteFile("/sandbox/canary", Sandbox.Bytes("hacked"), Mode644, 0, 0)).Errno);
        Assert.Null(Fs.Lstat("/hostetc/passwd"));
        Assert.Null(Fs.Lstat("/sandbox/canary"));
        Fs.Remove("/hostetc/passwd", recursive: true);
        Fs.Remove("/sandbox/canary", recursive: false);

        Fs.CreateDirectories("/hosttmp/" + name, Mode755, 0, 0);
        Assert.True(Directory.Exists(_box.InRoot("/tmp/" + name)));
        Fs.EnsureParentDirectories("/sandbox/new/file");
        Assert.True(Directory.Exists(_box.InRoot(_box.Outside + "/new")));
        Fs.EnsureParentDirectories("/hostetc/" + name);
        Fs.WriteFile("/hostetc/" + name, Sandbox.Bytes("x"), Mode644, 0, 0);
        Assert.Equal("x", File.ReadAllText(_box.InRoot("/etc/" + name)));

        Fs.Remove("/hosttmp", recursive: true);
        Fs.Remove("/hostetc/", recursive: true);
        Assert.True(Directory.Exists(_box.InRoot("/tmp/" + name)));
        Assert.True(File.Exists(_box.InRoot("/etc/" + name)));
    }

    [Fact]
    public void DirectoryLinkToItsParentLoopsBackToTheRoot()
    {
        _box.Link("/d", "../");
        Fs.CreateDirectories("/d/d/d/new", Mode755, 0, 0);
        Assert.True(Directory.Exists(_box.InRoot("/new")));
        Fs.WriteFile("/d/../../d/f", Sandbox.Bytes("f"), Mode644, 0, 0);
        Assert.Equal("f", File.ReadAllText(_box.InRoot("/f")));
        Assert.Equal(NodeType.Directory, Fs.Lstat("/d/..")!.Type);
        Assert.StartsWith("cannot remove /d/d/..: the path names a directory itself",
            Assert.Throws<FileSystemOperationException>(() => Fs.Remove("/d/d/..", recursive: true)).Message);
        Fs.Remove("/d/", recursive: true);
        Assert.Null(Fs.Lstat("/d"));
        Assert.True(Directory.Exists(_box.InRoot("/new")));
        Assert.True(File.Exists(_box.InRoot("/f")));
    }

    [Fact]
    public void RecursiveRemoveNeverFollowsLinksOut()
    {
        Directory.CreateDirectory(_box.InRoot("/tree/sub"));
        File.WriteAllText(_box.InRoot("/tree/sub/file"), "x");
        // Followed on the host, these would reach S/outside: relative and absolute spellings.
        _box.Link("/tree/relative", "../../outside");
        _box.Link("/tree/sub/absolute", _box.Outside);
        _box.Link("/tree/file-link", _box.Outside + "/canary");
        Fs.Remove("/tree", recursive: true);
        Assert.Empty(Directory.GetFileSystemEntries(_box.Root));
    }

    [Fact]
    public void ChownAndChmodThroughHostileParentsStayInside()
    {
        _box.Link("/up", "../../..");
        Directory.CreateDirectory(_box.InRoot("/outside"));
        File.WriteAllText(_box.InRoot("/outside/canary"), "inner");
        Fs.SetOwner("/up/outside/canary", 42, 43);
        Fs.SetMode("/up/outside/canary", 0b111_111_111);
        Assert.Equal("regular file|777|42|43", Prefix(Sandbox.Stat(_box.InRoot("/outside/canary")), 4));
        Fs.SetMode("/up/../outside", 0b111_000_000);
        Assert.Equal("700", Sandbox.Stat(_box.InRoot("/outside")).Split('|')[1]);
        Assert.Throws<FileSystemOperationException>(() => Fs.SetMode("/up", 0b111_101_101));
        Assert.Equal(NodeType.Symlink, Fs.Lstat("/up")!.Type);
    }

    private static string Prefix(string stat, int fields) => string.Join('|', stat.Split('|').Take(fields));
}
