using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Provisioner.Engine.Machine;

namespace Provisioner.Engine.Tests.Machine;

/// <summary>
/// A temporary directory S holding the root R ("root") and a sibling "outside" with canaries; removed on
/// dispose without ever following a symlink, so planted links cannot turn cleanup against the host.
/// </summary>
internal sealed class Sandbox : IDisposable
{
    public Sandbox()
    {
        Token = Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
        Dir = Path.Combine(Path.GetTempPath(), "provisioner-fs-" + Token);
        Root = Path.Combine(Dir, "root");
        Outside = Path.Combine(Dir, "outside");
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Path.Combine(Outside, "dir"));
        File.WriteAllText(Path.Combine(Outside, "canary"), "canary " + Token);
        File.WriteAllText(Path.Combine(Outside, "passwd"), "outside passwd");
        File.WriteAllText(Path.Combine(Outside, "dir", "file"), "deep canary");
        File.CreateSymbolicLink(Path.Combine(Outside, "link"), "canary");
        // What a naive "/etc -> ../../.." would reach from R: S itself.
        File.WriteAllText(Path.Combine(Dir, "passwd"), "sandbox passwd");
        Fs = new RootedFileSystem(Root);
    }

    /// <summary>Random per sandbox; names created through hostile links carry it, so the host can be searched for them.</summary>
    public string Token { get; }

    public string Dir { get; }

    public string Root { get; }

    public string Outside { get; }

    public RootedFileSystem Fs { get; }

    /// <summary>The host path of config path <paramref name="configPath"/> under R, joined without resolving.</summary>
    public string InRoot(string configPath) => Root + configPath;

    public void Link(string configPath, string target) => File.CreateSymbolicLink(InRoot(configPath), target);

    public static MemoryStream Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>Everything in S except R's subtree: path, type, mode, owner, size, links, mtime, target, content hash.</summary>
    public string SnapshotOutsideRoot()
    {
        var listing = Run("find", Dir, "-path", Root, "-prune", "-o", "-printf", "%P|%y|%m|%U|%G|%s|%n|%T@|%C@|%l\\n");
        var lines = listing.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('|')[1] == "f" ? line + "|" + Hash(Path.Combine(Dir, line.Split('|')[0])) : line)
            .Order(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }

    /// <summary>stat(1) of a host path without following: type|mode|uid|gid|size|links|inode.</summary>
    public static string Stat(string hostPath) => Run("stat", "-c", "%F|%a|%u|%g|%s|%h|%i", hostPath).Trim();

    public static string Hash(string hostPath) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(hostPath)));

    public static string Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, file + " failed: " + error);
        return output;
    }

    public void Dispose()
    {
        Fs.Dispose();
        RemoveTree(Dir);
    }

    private static void RemoveTree(string dir)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(dir))
        {
            var info = new FileInfo(entry);
            if (info.LinkTarget is null && info.Attributes.HasFlag(FileAttributes.Directory))
            {
                RemoveTree(entry);
            }
            else
            {
                File.Delete(entry);
            }
        }
        Directory.Delete(dir);
    }
}
