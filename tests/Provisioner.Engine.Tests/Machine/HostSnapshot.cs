namespace Provisioner.Engine.Tests.Machine;

/// <summary>
/// The real host paths a hostile link names. Other processes write to /tmp meanwhile, so /tmp and /etc are
/// compared by their own stat and by the absence of any entry carrying the sandbox token.
/// </summary>
internal sealed class HostSnapshot
{
    private static readonly string[] WatchedFiles = ["/etc/passwd", "/etc/hostname", "/etc/hosts"];
    private static readonly string[] WatchedDirectories = ["/", "/etc", "/tmp"];

    private readonly string _state;

    public HostSnapshot() => _state = Capture();

    public void AssertUnchanged(string token, string sandbox)
    {
        Assert.Equal(_state, Capture());
        foreach (var dir in WatchedDirectories)
        {
            Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(dir, "*" + token + "*"), entry => entry != sandbox);
        }
        Assert.False(File.Exists("/passwd") && File.ReadAllText("/passwd").Contains("hacked", StringComparison.Ordinal));
    }

    private static string Capture()
    {
        var lines = new List<string>();
        foreach (var file in WatchedFiles.Where(File.Exists))
        {
            lines.Add(file + "|" + Sandbox.Stat(file) + "|" + File.GetLastWriteTimeUtc(file).Ticks + "|" + Sandbox.Hash(file));
        }
        foreach (var dir in WatchedDirectories)
        {
            // Mode, owner and type only: the contents of /tmp legitimately change under other processes.
            var stat = Sandbox.Stat(dir).Split('|');
            lines.Add(dir + "|" + stat[0] + "|" + stat[1] + "|" + stat[2] + "|" + stat[3]);
        }
        return string.Join('\n', lines);
    }
}
