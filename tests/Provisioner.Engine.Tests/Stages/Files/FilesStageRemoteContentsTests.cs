using System.Text;
using Provisioner.Engine.Tests.Emulation;

namespace Provisioner.Engine.Tests.Stages.Files;

/// <summary>
/// File contents from a loopback HTTP server, through fetch-offline, fetch and files as at a first boot:
/// the hash decides whether a file appears, and a file that fails leaves nothing behind.
/// </summary>
public sealed class FilesStageRemoteContentsTests : IDisposable
{
    private readonly EngineRun _run = new();
    private readonly LoopbackHttpServer _server = new();

    public void Dispose()
    {
        _server.Dispose();
        _run.Dispose();
    }

    [Fact]
    public void ARemoteFileWhoseHashMatchesIsWritten()
    {
        _server.Serve("/motd", Reply.Ok("welcome\n"));

        Boot(File("/etc/motd", _server.Url("/motd"), Ign.Sha512("welcome\n"), mode: 0b110_100_000));

        Assert.Equal("welcome\n", _run.Read("/etc/motd"));
        Assert.Equal("regular file|640|0|0", _run.Stat("/etc/motd"));
    }

    [Fact]
    public void ARemoteFileWhoseHashDoesNotMatchFailsNamingFileUrlAndBothHashesAndLeavesNoTrace()
    {
        _server.Serve("/motd", Reply.Ok("tampered\n"));
        var url = _server.Url("/motd");
        var expected = Ign.Sha512("welcome\n");

        var message = BootFails(File("/etc/motd", url, expected));

        Assert.StartsWith("$.storage.files.0: write file /etc/motd: file /etc/motd: the contents do not match verification.hash: ", message, StringComparison.Ordinal);
        Assert.Contains($"expected {expected}, got {Ign.Sha512("tampered\n")}", message, StringComparison.Ordinal);
        Assert.Contains(url, message, StringComparison.Ordinal);
        Assert.False(System.IO.File.Exists(_run.InRoot("/etc/motd")));
        Assert.DoesNotContain(Directory.GetFileSystemEntries(_run.InRoot("/etc")), p => !p.EndsWith("ignition-result.json", StringComparison.Ordinal));
    }

    [Fact]
    public void AFailedHashDoesNotTouchAFileAlreadyThere()
    {
        _run.Write("/etc/motd", "old\n");
        _server.Serve("/motd", Reply.Ok("tampered\n"));

        BootFails("""{ "path": "/etc/motd", "append": [ { "source": "URL", "verification": { "hash": "HASH" } } ] }"""
            .Replace("URL", _server.Url("/motd"), StringComparison.Ordinal).Replace("HASH", Ign.Sha512("welcome\n"), StringComparison.Ordinal));

        Assert.Equal("old\n", _run.Read("/etc/motd"));
    }

    [Fact]
    public void ALargeRemoteFileIsStreamedToDiskAndVerified()
    {
        var text = string.Concat(Enumerable.Range(0, 200_000).Select(i => $"line {i}\n"));
        _server.Serve("/big", Reply.Ok(text));

        Boot(File("/var/big.txt", _server.Url("/big"), Ign.Sha512(text)));

        Assert.Equal(text, _run.Read("/var/big.txt"));
    }

    [Fact]
    public void ContentsAndAppendsComeFromTheServerWithTheirHeadersAndGzip()
    {
        _server.Serve("/base", Reply.Ok("base\n"));
        _server.Serve("/more.gz", Reply.Ok(Ign.Gzip("more\n")));
        var entry = $$"""
            { "path": "/etc/app.conf",
              "contents": { "source": "{{_server.Url("/base")}}", "httpHeaders": [ { "name": "X-Token", "value": "t0k3n" } ] },
              "append": [ { "source": "{{_server.Url("/more.gz")}}", "compression": "gzip", "verification": { "hash": "{{Ign.Sha512("more\n")}}" } } ] }
            """;

        Boot(entry);

        Assert.Equal("base\nmore\n", _run.Read("/etc/app.conf"));
        Assert.Equal("t0k3n", _server.RequestsTo("/base").Single().Header("X-Token"));
        Assert.False(_server.RequestsTo("/more.gz").Single().Has("X-Token"));
    }

    [Fact]
    public void AMissingRemoteFileFailsNamingTheEntryAndTheUrl()
    {
        var message = BootFails(File("/etc/motd", _server.Url("/absent")));

        Assert.Equal($"$.storage.files.0: write file /etc/motd: file /etc/motd: GET {_server.Url("/absent")}: resource not found (404 Not Found)", message);
        Assert.False(System.IO.File.Exists(_run.InRoot("/etc/motd")));
    }

    [Fact]
    public void TheCachedConfigsHttpTotalBoundsAFileFromAServerThatKeepsFailing()
    {
        _server.Serve("/motd", Reply.WithStatus(503));
        _run.Config($$"""
            { "ignition": { "version": "{{Ign.Version}}", "timeouts": { "httpTotal": 1 } },
              "storage": { "files": [ {{File("/etc/motd", _server.Url("/motd"))}} ] } }
            """);
        _run.Run(Stage.FetchOffline);
        _run.Run(Stage.Fetch);

        var message = _run.Fails(Stage.Files).Message;

        Assert.Contains("unable to fetch resource in time (httpTotal 1 s, ", message, StringComparison.Ordinal);
        Assert.Contains("last error: 503 Service Unavailable", message, StringComparison.Ordinal);
        Assert.True(_server.Requests.Count > 3);
    }

    private static string File(string path, string url, string? hash = null, int? mode = null)
    {
        var verification = hash is null ? "" : $$""", "verification": { "hash": "{{hash}}" }""";
        var modeText = mode is null ? "" : $", \"mode\": {mode}";
        return $$"""{ "path": "{{path}}"{{modeText}}, "contents": { "source": "{{url}}"{{verification}} } }""";
    }

    private void Boot(string fileEntry)
    {
        _run.Config(Ign.Config($$""" "storage": { "files": [ {{fileEntry}} ] } """));
        _run.Run(Stage.FetchOffline);
        Assert.True(System.IO.File.Exists(_run.NeedNetPath));
        _run.Run(Stage.Fetch);
        _run.Run(Stage.Files);
    }

    private string BootFails(string fileEntry)
    {
        _run.Config(Ign.Config($$""" "storage": { "files": [ {{fileEntry}} ] } """));
        _run.Run(Stage.FetchOffline);
        _run.Run(Stage.Fetch);
        return _run.Fails(Stage.Files).Message;
    }
}
