namespace Provisioner.Engine.Tests.Machine;

/// <summary>The hostile-link tests are only as good as their snapshot: it must see every kind of change outside the root.</summary>
public sealed class SandboxTests : IDisposable
{
    private readonly Sandbox _box = new();

    public void Dispose() => _box.Dispose();

    [Theory]
    [InlineData("content")]
    [InlineData("mode")]
    [InlineData("owner")]
    [InlineData("hard link")]
    [InlineData("new entry")]
    [InlineData("symlink target")]
    public void SnapshotSeesAChangeOutsideTheRoot(string change)
    {
        var before = _box.SnapshotOutsideRoot();
        var canary = Path.Combine(_box.Outside, "canary");
        switch (change)
        {
            case "content":
                File.WriteAllText(canary, "canary " + _box.Token.ToUpperInvariant());
                break;
            case "mode":
                Sandbox.Run("chmod", "0400", canary);
                break;
            case "owner":
                Sandbox.Run("chown", "-h", "4321:4321", canary);
                break;
            case "hard link":
                // Made inside the root: only the canary's link count (and ctime) betray it.
                Sandbox.Run("ln", canary, _box.InRoot("/hl"));
                break;
            case "new entry":
                File.WriteAllText(Path.Combine(_box.Dir, "dropped"), "");
                break;
            case "symlink target":
                File.Delete(Path.Combine(_box.Outside, "link"));
                File.CreateSymbolicLink(Path.Combine(_box.Outside, "link"), "passwd");
                break;
        }
        Assert.NotEqual(before, _box.SnapshotOutsideRoot());
    }

    [Fact]
    public void SnapshotIgnoresChangesInsideTheRoot()
    {
        var before = _box.SnapshotOutsideRoot();
        Directory.CreateDirectory(_box.InRoot("/etc"));
        File.WriteAllText(_box.InRoot("/etc/passwd"), "inside");
        Assert.Equal(before, _box.SnapshotOutsideRoot());
    }
}
