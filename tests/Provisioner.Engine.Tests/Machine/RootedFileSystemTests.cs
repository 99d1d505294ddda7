using Provisioner.Engine.Machine;

namespace Provisioner.Engine.Tests.Machine;

/// <summary>The rooted file system's ordinary operations, on real files under a temporary root (tests run as root).</summary>
public sealed class RootedFileSystemTests : IDisposable
{
    private readonly Sandbox _box = new();

    private RootedFileSystem Fs => _box.Fs;

    public void Dispose() => _box.Dispose();

    [Fact]
    public void WriteFileSetsContentModeAndOwner()
    {
        Directory.CreateDirectory(_box.InRoot("/etc"));
        Fs.WriteFile("/etc/hostname", Sandbox.Bytes("host1\n"), 0b110_100_100, 0, 0);
        Assert.Equal("host1\n", File.ReadAllText(_box.InRoot("/etc/hostname")));
        Assert.Equal("regular file|644|0|0|6|1", StatPrefix("/etc/hostname"));
    }

    [Fact]
    public void SetuidBitsSurviveTheChownOfAWrite()
    {
        Fs.WriteFile("/suid", Sandbox.Bytes("#!/bin/sh\n"), 0x9ED /* 04755 */, 1000, 1001);
        Assert.Equal("regular file|4755|1000|1001", StatPrefix("/suid", 4));
        var info = Fs.Lstat("/suid")!;
        Assert.Equal(0x9ED, info.Mode);
        Assert.Equal((1000, 1001), (info.Uid, info.Gid));
    }

    [Fact]
    public void ReplacingAFileIsAtomicAndLeavesNoTempFile()
    {
        Fs.WriteFile("/f", Sandbox.Bytes("one"), 0b110_100_100, 0, 0);
        var before = Fs.Lstat("/f")!;
        Fs.WriteFile("/f", Sandbox.Bytes("two, longer"), 0b110_000_000, 5, 5);
        Assert.Equal("two, longer", File.ReadAllText(_box.InRoot("/f")));
        Assert.NotEqual(before.Inode, Fs.Lstat("/f")!.Inode);
        Assert.Equal(["f"], Directory.GetFileSystemEntries(_box.Root).Select(Path.GetFileName));
    }

    [Fact]
    public void AFailingSourceLeavesTheTargetAndNoTempFile()
    {
        Fs.WriteFile("/f", Sandbox.Bytes("keep"), 0b110_100_100, 0, 0);
        var error = Assert.Throws<IOException>(() => Fs.WriteFile("/f", new FailingStream(), 0b110_100_100, 0, 0));
        Assert.Equal("source broke", error.Message);
        Assert.Equal("keep", File.ReadAllText(_box.InRoot("/f")));
        Assert.Equal(["f"], Directory.GetFileSystemEntries(_box.Root).Select(Path.GetFileName));
    }

    [Fact]
    public void WritingOverADirectoryFailsAndLeavesNoTempFile()
    {
        Directory.CreateDirectory(_box.InRoot("/dir"));
        var error = Assert.Throws<FileSystemOperationException>(() => Fs.WriteFile("/dir", Sandbox.Bytes("x"), 0b110_100_100, 0, 0));
        Assert.Equal("cannot write file /dir: a directory exists there", error.Message);
        Assert.Equal(["dir"], Directory.GetFileSystemEntries(_box.Root).Select(Path.GetFileName));
    }

    [Fact]
    public void WriteFileNeedsItsParentAndSaysWhichOneIsMissing()
    {
        var error = Assert.Throws<FileSystemOperationException>(() => Fs.WriteFile("/nope/sub/file", Sandbox.Bytes("x"), 0b110_100_100, 0, 0));
        Assert.Equal("cannot write file /nope/sub/file: directory /nope/sub: no such file or directory", error.Message);
        Assert.Equal(2, error.Errno);
        Assert.Equal("write file", error.Operation);
        Assert.Equal("/nope/sub/file", error.Path);
    }

    [Fact]
    public void WritingOverASymlinkReplacesTheLink()
    {
        File.WriteAllText(_box.InRoot("/real"), "real");
        _box.Link("/link", "real");
        Fs.WriteFile("/link", Sandbox.Bytes("new"), 0b110_100_100, 0, 0);
        Assert.Equal("real", File.ReadAllText(_box.InRoot("/real")));
        Assert.Equal(NodeType.File, Fs.Lstat("/link")!.Type);
    }

    [Fact]
    public void AppendCreatesWith0644RootOwnedThenAppends()
    {
        Fs.AppendFile("/preset", Sandbox.Bytes("enable a\n"));
        Assert.Equal("regular file|644|0|0", StatPrefix("/preset", 4));
        Fs.SetOwner("/preset", 3, 4);
        Fs.AppendFile("/preset", Sandbox.Bytes("enable b\n"));
        Assert.Equal("enable a\nenable b\n", File.ReadAllText(_box.InRoot("/preset")));
        Assert.Equal("regular file|644|3|4", StatPrefix("/preset", 4));
    }

    [Fact]
    public void AppendRefusesSymlinksAndFifos()
    {
        File.WriteAllText(_box.InRoot("/real"), "real");
        _box.Link("/link", "real");
        var error = Assert.Throws<FileSystemOperationException>(() => Fs.AppendFile("/link", Sandbox.Bytes("x")));
        Assert.Equal("cannot append to file /link: it is a symbolic link, which is not followed", error.Message);
        Sandbox.Run("mkfifo", _box.InRoot("/fifo"));
        Assert.Throws<FileSystemOperationException>(() => Fs.AppendFile("/fifo", Sandbox.Bytes("x")));
        Assert.Equal("real", File.ReadAllText(_box.InRoot("/real")));
    }

    [Fact]
    public void SymlinkTargetIsStoredVerbatimAndTheLinkItselfIsChowned()
    {
        const string target = "../weird//path/./x/";
        Fs.CreateSymlink("/link", target, 5, 6);
        var info = Fs.Lstat("/link")!;
        Assert.Equal(NodeType.Symlink, info.Type);
        Assert.Equal(target, info.LinkTarget);
        Assert.Equal(target, new FileInfo(_box.InRoot("/link")).LinkTarget);
        Assert.Equal("symbolic link|777|5|6", StatPrefix("/link", 4));
        var error = Assert.Throws<FileSystemOperationException>(() => Fs.CreateSymlink("/link", "other", 0, 0));
        Assert.Equal(17, error.Errno);
    }

    [Fact]
    public void HardLinkSharesTheInode()
    {
        Directory.CreateDirectory(_box.InRoot("/a"));
        File.WriteAllText(_box.InRoot("/a/target"), "t");
        Fs.CreateHardLink("/hl", "/a/target");
        var link = Fs.Lstat("/hl")!;
        Assert.True(link.IsSameNode(Fs.Lstat("/a/target")!));
        Assert.Equal(2, link.LinkCount);
        var missing = Assert.Throws<FileSystemOperationException>(() => Fs.CreateHardLink("/hl2", "/a/none"));
        Assert.Equal("cannot create hard link /hl2: target /a/none: no such file or directory", missing.Message);
    }

    [Fact]
    public void CreateDirectoriesGivesAncestors0755RootAndTheLastItsOwnModeAndOwner()
    {
        Fs.CreateDirectories("/home/core/.ssh", 0b111_000_000, 1000, 1000);
        Assert.Equal("directory|755|0|0", StatPrefix("/home", 4));
        Assert.Equal("directory|755|0|0", StatPrefix("/home/core", 4));
        Assert.Equal("directory|700|1000|1000", StatPrefix("/home/core/.ssh", 4));
        Fs.CreateDirectories("/home/core/.ssh", 0b111_111_111, 0, 0);
        Assert.Equal("directory|700|1000|1000", StatPrefix("/home/core/.ssh", 4));
        Fs.CreateDirectories("/scratch", 0x3FF /* 01777 */, 0, 0);
        Assert.Equal("directory|1777|0|0", StatPrefix("/scratch", 4));
    }

    [Fact]
    public void CreateDirectoriesRefusesANonDirectoryInTheWay()
    {
        File.WriteAllText(_box.InRoot("/file"), "");
        _box.Link("/dangling", "/nowhere");
        var last = Assert.Throws<FileSystemOperationException>(() => Fs.CreateDirectories("/file", 0b111_101_101, 0, 0));
        Assert.Equal("cannot create directory /file: a non-directory already exists there", last.Message);
        Assert.Throws<FileSystemOperationException>(() => Fs.CreateDirectories("/dangling", 0b111_101_101, 0, 0));
        var middle = Assert.Throws<FileSystemOperationException>(() => Fs.CreateDirectories("/file/sub", 0b111_101_101, 0, 0));
        Assert.Equal(20, middle.Errno);
        Assert.False(Directory.Exists(_box.InRoot("/nowhere")));
    }

    [Fact]
    public void EnsureParentDirectoriesCreatesOnlyTheAncestors()
    {
        Fs.EnsureParentDirectories("/etc/systemd/system/foo.service");
        Assert.Equal("directory|755|0|0", StatPrefix("/etc/systemd/system", 4));
        Assert.Null(Fs.Lstat("/etc/systemd/system/foo.service"));
        Fs.EnsureParentDirectories("/toplevel");
        Assert.Null(Fs.Lstat("/toplevel"));
    }

    [Fact]
    public void RemoveHandlesFilesEmptyDirectoriesAbsentPathsAndTrees()
    {
        File.WriteAllText(_box.InRoot("/f"), "");
        Directory.CreateDirectory(_box.InRoot("/empty"));
        Directory.CreateDirectory(_box.InRoot("/tree/a/b"));
        File.WriteAllText(_box.InRoot("/tree/a/b/f"), "");
        Sandbox.Run("sh", "-c", "touch \"$1\"/$(printf '\\377name')", "sh", _box.InRoot("/tree/a"));
        Fs.Remove("/f", recursive: false);
        Fs.Remove("/empty", recursive: false);
        Fs.Remove("/absent", recursive: false);
        Fs.Remove("/absent/deeper", recursive: true);
        var notEmpty = Assert.Throws<FileSystemOperationException>(() => Fs.Remove("/tree", recursive: false));
        Assert.Equal("cannot remove /tree: the directory is not empty", notEmpty.Message);
        Fs.Remove("/tree", recursive: true);
        Assert.Empty(Directory.GetFileSystemEntries(_box.Root));
    }

    [Fact]
    public void SetModeAndOwnerActOnTheNodeAndRefuseToChmodThroughASymlink()
    {
        Directory.CreateDirectory(_box.InRoot("/d"));
        Fs.SetMode("/d", 0x5ED /* 02755 */);
        Fs.SetOwner("/d", 10, 20);
        Assert.Equal("directory|2755|10|20", StatPrefix("/d", 4));
        Fs.SetMode("/", 0b111_101_000);
        Assert.Equal("750", Sandbox.Stat(_box.Root).Split('|')[1]);
        Fs.SetMode("/d/..", 0b111_101_101);
        Assert.Equal("755", Sandbox.Stat(_box.Root).Split('|')[1]);
        _box.Link("/link", "d");
        var error = Assert.Throws<FileSystemOperationException>(() => Fs.SetMode("/link", 0b111_111_111));
        Assert.Equal("cannot change mode of /link: it is a symbolic link, which is not followed", error.Message);
        Assert.Equal("2755", Sandbox.Stat(_box.InRoot("/d")).Split('|')[1]);
    }

    [Fact]
    public void SetModeWithoutFchmodAt2GoesThroughTheOpenNodeAndStillRefusesSymlinks()
    {
        // Linux before 6.6 lacks fchmodat2; the fallback pins the node with O_PATH and chmods /proc/self/fd/N.
        using var fs = new RootedFileSystem(_box.Root) { UseFchmodAt2 = false };
        File.WriteAllText(_box.InRoot("/f"), "");
        _box.Link("/link", "f");
        fs.SetMode("/f", 0xDED /* 06755 */);
        Assert.Equal("6755", Sandbox.Stat(_box.InRoot("/f")).Split('|')[1]);
        fs.SetMode("/", 0b111_101_000);
        Assert.Equal("750", Sandbox.Stat(_box.Root).Split('|')[1]);
        Assert.Equal("cannot change mode of /link: it is a symbolic link, which is not followed",
            Assert.Throws<FileSystemOperationException>(() => fs.SetMode("/link", 0b111_111_111)).Message);
        Assert.Equal(2, Assert.Throws<FileSystemOperationException>(() => fs.SetMode("/absent", 0)).Errno);
        Assert.Equal("6755", Sandbox.Stat(_box.InRoot("/f")).Split('|')[1]);
    }

    [Fact]
    public void LstatDescribesEachKindOfNode()
    {
        File.WriteAllText(_box.InRoot("/file"), "12345");
        Directory.CreateDirectory(_box.InRoot("/dir"));
        _box.Link("/link", "/dir");
        Sandbox.Run("mkfifo", _box.InRoot("/fifo"));
        Assert.Equal((NodeType.File, 5L, (string?)null), Describe("/file"));
        Assert.Equal(NodeType.Directory, Fs.Lstat("/dir")!.Type);
        Assert.Equal((NodeType.Symlink, 4L, "/dir"), Describe("/link"));
        Assert.Equal(NodeType.Other, Fs.Lstat("/fifo")!.Type);
        Assert.Equal(NodeType.Directory, Fs.Lstat("/")!.Type);
        Assert.Equal(NodeType.Symlink, Fs.Lstat("/link/")!.Type);
        Assert.Null(Fs.Lstat("/absent"));
        Assert.Null(Fs.Lstat("/absent/deeper"));
        var info = Fs.Lstat("/file")!;
        Assert.Equal(Sandbox.Stat(_box.InRoot("/file")).Split('|')[6], info.Inode.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ReadFileReadsRegularFilesOnly()
    {
        File.WriteAllText(_box.InRoot("/file"), "content");
        _box.Link("/link", "file");
        Directory.CreateDirectory(_box.InRoot("/dir"));
        Assert.Equal("content"u8.ToArray(), Fs.ReadFile("/file"));
        Assert.Equal("cannot read file /link: it is a symbolic link, which is not followed",
            Assert.Throws<FileSystemOperationException>(() => Fs.ReadFile("/link")).Message);
        Assert.Equal("cannot read file /dir: not a regular file",
            Assert.Throws<FileSystemOperationException>(() => Fs.ReadFile("/dir")).Message);
        Assert.Equal("cannot read file /absent: no such file or directory",
            Assert.Throws<FileSystemOperationException>(() => Fs.ReadFile("/absent")).Message);
    }

    [Fact]
    public void BadArgumentsAreRefusedInOurOwnWords()
    {
        Assert.Equal("cannot write file etc/x: the path is not absolute",
            Assert.Throws<FileSystemOperationException>(() => Fs.WriteFile("etc/x", Sandbox.Bytes(""), 0, 0, 0)).Message);
        Assert.Equal("cannot change mode of /x: the mode 10000 is not between 0 and 07777 (octal)",
            Assert.Throws<FileSystemOperationException>(() => Fs.SetMode("/x", 0x1000)).Message);
        Assert.Throws<FileSystemOperationException>(() => Fs.Lstat("/a\0b"));
        Assert.Throws<FileSystemOperationException>(() => Fs.CreateSymlink("/l", "", 0, 0));
        Assert.Equal("cannot write file /: the path names a directory itself (the root, or ending in \".\" or \"..\"), not an entry in one",
            Assert.Throws<FileSystemOperationException>(() => Fs.WriteFile("/", Sandbox.Bytes(""), 0, 0, 0)).Message);
    }

    [Fact]
    public void AMissingRootIsReportedPlainly()
    {
        var error = Assert.Throws<FileSystemOperationException>(() => new RootedFileSystem(_box.Root + "/absent"));
        Assert.Equal("cannot open root " + _box.Root + "/absent: no such file or directory", error.Message);
    }

    private (NodeType, long, string?) Describe(string path)
    {
        var info = Fs.Lstat(path)!;
        return (info.Type, info.Size, info.LinkTarget);
    }

    /// <summary>The first <paramref name="fields"/> fields of stat(1) for a config path: type|mode|uid|gid|size|links.</summary>
    private string StatPrefix(string configPath, int fields = 6) =>
        string.Join('|', Sandbox.Stat(_box.InRoot(configPath)).Split('|').Take(fields));

    private sealed class FailingStream : Stream
    {
        private int _reads;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_reads++ > 0)
            {
                throw new IOException("source broke");
            }
            buffer[offset] = (byte)'x';
            return 1;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
