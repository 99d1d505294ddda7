using System.Text.Json.Nodes;
using Provisioner.Engine.Fetching;
using Provisioner.Engine.Tests.Emulation;
using Provisioner.Engine.Tests.Machine;
using Provisioner.Engine.Tests.Stages;

namespace Provisioner.Engine.Tests.Fetching;

/// <summary>
/// fetch-offline and fetch through <see cref="StageRunner"/>: where the config comes from, how it is
/// rendered and cached, when the network is needed, and how a bad config or platform fails (§4.3, §5.2–5.4).
/// </summary>
public sealed class FetchStageTests : IDisposable
{
    private readonly EngineRun _run = new();

    public void Dispose() => _run.Dispose();

    [Fact]
    public void FetchOfflineCachesTheConfig0640AndSavesTheState0600()
    {
        _run.Config(Ign.Config("""
            "storage": { "files": [ { "path": "/etc/motd", "contents": { "source": "data:,hi" } } ] }
            """));

        _run.Run(Stage.FetchOffline);

        Assert.Equal("regular file|640|0|0", Stat(_run.CachePath));
        Assert.Equal("regular file|600|0|0", Stat(_run.StatePath));
        Assert.Equal("directory|700|0|0", Stat(Path.GetDirectoryName(_run.StatePath)!));
        Assert.False(File.Exists(_run.NeedNetPath));
        Assert.Equal("/etc/motd", Assert.Single(ConfigCache.Read(_run.CachePath).Storage.Files).Path);
        Assert.Equal("""{"fetchedConfigs":[{"kind":"user","source":"file","referenced":false}],"luksPersistKeyFiles":null,"notatedDirectories":null,"providerOutputFiles":null,"luksPersistVolumeKeyFiles":null}""" + "\n",
            File.ReadAllText(_run.StatePath));
        var fetched = Assert.Single(_run.Log.Entries, e => e.Message == "fetch-offline: fetched user config from \"file\"");
        Assert.Contains(new KeyValuePair<string, string>("MESSAGE_ID", "57124006b5c94805b77ce473e92a8aeb"), fetched.Fields);
        Assert.Contains("fetch-offline: fetch-offline passed", _run.Log.Messages);
    }

    [Fact]
    public void AnHttpFileSourceSignalsTheNetworkAfterCachingTheConfig()
    {
        _run.Config(Ign.Config("""
            "storage": { "files": [ { "path": "/etc/remote", "contents": { "source": "http://127.0.0.1:9/remote" } } ] }
            """));

        _run.Run(Stage.FetchOffline);

        Assert.True(File.Exists(_run.NeedNetPath));
        Assert.Equal("/etc/remote", Assert.Single(ConfigCache.Read(_run.CachePath).Storage.Files).Path);
        Assert.Contains(_run.Log.Messages, m => m.Contains("http://127.0.0.1:9/remote: signalling that the network is needed", StringComparison.Ordinal));
        Assert.True(File.Exists(_run.StatePath));
    }

    [Fact]
    public void AnHttpConfigUrlOnTheKernelCommandLineSignalsTheNetworkWithoutACache()
    {
        _run.Cmdline("BOOT_IMAGE=/vmlinuz ignition.firstboot ignition.platform.id=metal ignition.config.url=http://127.0.0.1:9/config.ign quiet\n");

        _run.Run(Stage.FetchOffline, platform: "metal");

        Assert.True(File.Exists(_run.NeedNetPath));
        Assert.False(File.Exists(_run.CachePath));
        Assert.Empty(_run.State()["fetchedConfigs"]!.AsArray());
    }

    [Fact]
    public void ADataConfigUrlOnTheKernelCommandLineWinsOverThePlatform()
    {
        _run.Config(Ign.Config("""
            "storage": { "files": [ { "path": "/from-file" } ] }
            """));
        _run.Cmdline($"ignition.config.url={Ign.Data(Ign.Config("\"storage\":{\"files\":[{\"path\":\"/from-cmdline\"}]}"))}\n");

        _run.Run(Stage.FetchOffline);
        _run.Run(Stage.Files);

        Assert.True(File.Exists(_run.InRoot("/from-cmdline")));
        Assert.False(File.Exists(_run.InRoot("/from-file")));
        Assert.Equal("cmdline", (string?)_run.State()["fetchedConfigs"]![0]!["source"]);
    }

    [Fact]
    public void MergedConfigsFromDataUrlsAreRenderedInOrderOverTheParent()
    {
        var first = Ign.Config("""
            "storage": { "files": [ { "path": "/etc/a", "contents": { "source": "data:,first" } }, { "path": "/etc/b", "contents": { "source": "data:,first" } } ] }
            """);
        var second = Ign.Config("""
            "storage": { "files": [ { "path": "/etc/b", "contents": { "source": "data:,second" } } ] }
            """);
        _run.Config(Ign.Config($$"""
            "ignition": { "version": "{{Ign.Version}}", "config": { "merge": [ { "source": "{{Ign.Data(first)}}" }, { "source": "{{Ign.Data(second)}}" } ] } },
            "storage": { "files": [ { "path": "/etc/a", "contents": { "source": "data:,parent" } }, { "path": "/etc/parent", "contents": { "source": "data:,parent" } } ] }
            """).Replace("{\"ignition\":{\"version\":\"" + Ign.Version + "\"},", "{", StringComparison.Ordinal));

        _run.Run(Stage.FetchOffline);
        _run.Run(Stage.Files);

        Assert.Equal("first", _run.Read("/etc/a"));
        Assert.Equal("second", _run.Read("/etc/b"));
        Assert.Equal("parent", _run.Read("/etc/parent"));
        var fetched = _run.State()["fetchedConfigs"]!.AsArray();
        Assert.Equal(["file", "data:;base64,…", "data:;base64,…"], fetched.Select(c => (string?)c!["source"]));
        Assert.Equal([false, true, true], fetched.Select(c => (bool)c!["referenced"]!));
        Assert.DoesNotContain(Ign.Data(first)[14..], _run.Log.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public void AReplacingConfigTakesThePlaceOfItsParent()
    {
        var replacement = Ign.Config("""
            "storage": { "files": [ { "path": "/etc/replacement" } ] }
            """);
        _run.Config($$"""
            { "ignition": { "version": "{{Ign.Version}}", "config": { "replace": { "source": "{{Ign.Data(replacement)}}", "verification": { "hash": "{{Ign.Sha512(replacement)}}" } } } },
              "storage": { "files": [ { "path": "/etc/parent" } ] } }
            """);

        _run.Run(Stage.FetchOffline);
        _run.Run(Stage.Files);

        Assert.True(File.Exists(_run.InRoot("/etc/replacement")));
        Assert.False(File.Exists(_run.InRoot("/etc/parent")));
    }

    [Fact]
    public void AReferencedConfigWithABadHashFailsNamingTheReference()
    {
        _run.Config($$"""
            { "ignition": { "version": "{{Ign.Version}}", "config": { "merge": [ { "source": "{{Ign.Data(Ign.Config())}}", "verification": { "hash": "{{Ign.Sha512("other")}}" } } ] } } }
            """);

        var message = _run.Fails(Stage.FetchOffline).Message;

        Assert.StartsWith("the config referenced at ignition.config.merge.0 (data:;base64,…): the contents do not match verification.hash", message, StringComparison.Ordinal);
        Assert.False(File.Exists(_run.CachePath));
    }

    [Fact]
    public void BaseFragmentsMergeInNameOrderUnderTheUserConfig()
    {
        Fragment(_run.SystemDir, "base.d/20-b.ign", ("/etc/motd", "b-lib"), ("/etc/b", "b-lib"), ("/etc/lib-only", "lib"));
        Fragment(_run.SystemDir, "base.d/10-a.ign", ("/etc/motd", "a"), ("/etc/a", "a"), ("/etc/b", "a"));
        // The same name in a higher-priority directory replaces the lower one's fragment entirely.
        Fragment(_run.RuntimeDir, "base.d/20-b.ign", ("/etc/motd", "b-run"), ("/etc/b", "b-run"));
        Fragment(_run.LocalDir, "base.d/15-local.ign", ("/etc/local", "local"));
        _run.Config(Ign.Config("""
            "storage": { "files": [ { "path": "/etc/user", "contents": { "source": "data:,user" } }, { "path": "/etc/b", "contents": { "source": "data:,user" } } ] }
            """));

        _run.Run(Stage.FetchOffline);
        _run.Run(Stage.Files);

        Assert.Equal("b-run", _run.Read("/etc/motd"));
        Assert.Equal("a", _run.Read("/etc/a"));
        Assert.Equal("user", _run.Read("/etc/b"));
        Assert.Equal("user", _run.Read("/etc/user"));
        Assert.Equal("local", _run.Read("/etc/local"));
        Assert.False(File.Exists(_run.InRoot("/etc/lib-only")));
        // Base configs are re-read by every stage, never cached.
        Assert.DoesNotContain(ConfigCache.Read(_run.CachePath).Storage.Files, f => f.Path == "/etc/a");
        Assert.Equal(["base", "user", "base"], _run.State()["fetchedConfigs"]!.AsArray().Select(c => (string?)c!["kind"]));
    }

    [Fact]
    public void ThePlatformBaseLayerGoesOnTopOfBaseDAndABadOneIsOnlyLogged()
    {
        Fragment(_run.SystemDir, "base.d/10-a.ign", ("/etc/motd", "base"));
        Fragment(_run.SystemDir, "base.platform.d/file/10-p.ign", ("/etc/motd", "platform"));
        Fragment(_run.SystemDir, "base.platform.d/metal/10-p.ign", ("/etc/motd", "metal"));

        _run.Run(Stage.FetchOffline);
        _run.Run(Stage.Files);
        Assert.Equal("platform", _run.Read("/etc/motd"));

        File.WriteAllText(Path.Combine(_run.SystemDir, "base.platform.d/file/20-broken.ign"), "{ not json");
        File.Delete(_run.InRoot("/etc/motd"));
        _run.Run(Stage.Files);
        Assert.Equal("base", _run.Read("/etc/motd"));
        Assert.Contains(_run.Log.Messages, m => m.StartsWith("files: ignoring the platform base configs of file: ", StringComparison.Ordinal));
    }

    [Fact]
    public void AnInvalidBaseFragmentFailsTheStage()
    {
        var path = Path.Combine(_run.LocalDir, "base.d", "10-bad.ign");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, Ign.Config("\"storage\": { \"files\": [ { \"path\": \"relative\" } ] }"));

        var message = _run.Fails(Stage.FetchOffline).Message;

        Assert.StartsWith($"the config from {path} is invalid: error at $.storage.files.0.path, line 1 col ", message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSystemUserConfigIsUsedWhenTheCommandLineHasNone()
    {
        File.WriteAllText(Path.Combine(_run.SystemDir, "user.ign"), Ign.Config("\"storage\":{\"files\":[{\"path\":\"/lib\"}]}"));
        File.WriteAllText(Path.Combine(_run.LocalDir, "user.ign"), Ign.Config("\"storage\":{\"files\":[{\"path\":\"/local\"}]}"));
        _run.Config(Ign.Config("\"storage\":{\"files\":[{\"path\":\"/platform\"}]}"));

        _run.Run(Stage.FetchOffline);
        _run.Run(Stage.Files);

        Assert.Equal(["local"], Directory.GetFileSystemEntries(_run.Root).Select(Path.GetFileName).Where(n => n != "etc"));
        Assert.Equal("system", (string?)_run.State()["fetchedConfigs"]![0]!["source"]);
    }

    [Fact]
    public void AnInvalidConfigFailsNamingTheSourceLineAndColumn()
    {
        _run.Config($$"""
            {
              "ignition": { "version": "{{Ign.Version}}" },
              "storage": {
                "files": [ { "path": "etc/hostname" } ]
              }
            }
            """);

        var message = _run.Fails(Stage.FetchOffline).Message;

        Assert.Equal("the config from file is invalid: error at $.storage.files.0.path, line 4 col 26: path not absolute", message);
        Assert.False(File.Exists(_run.CachePath));
        Assert.False(File.Exists(_run.StatePath));
    }

    [Fact]
    public void MalformedJsonFailsAtTheFault()
    {
        _run.Config("{\n  \"ignition\": { \"version\": \"3.6.0\" },\n  \"storage\": { ]\n}\n");

        var message = _run.Fails(Stage.FetchOffline).Message;

        Assert.StartsWith("the config from file is invalid: error at line 3 col 16: invalid character ']'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyConfigFileMeansAnEmptyConfigAndNoUserConfig()
    {
        _run.Run(Stage.FetchOffline);
        _run.Run(Stage.Files);

        Assert.Equal("3.7.0-experimental", ConfigCache.Read(_run.CachePath).Ignition.Version);
        Assert.Contains("fetch-offline: file provided no config: going on with an empty one", _run.Log.Messages);
        Assert.False((bool?)_run.Result()["userConfigProvided"]);
        Assert.Empty(_run.State()["fetchedConfigs"]!.AsArray());
        Assert.Equal([".ignition-result.json"], Directory.GetFileSystemEntries(_run.InRoot("/etc")).Select(Path.GetFileName));
    }

    [Fact]
    public void MetalWithoutACommandLineConfigIsEmpty()
    {
        _run.Run(Stage.FetchOffline, platform: "metal");

        Assert.Contains("fetch-offline: metal provided no config: going on with an empty one", _run.Log.Messages);
        Assert.True(File.Exists(_run.CachePath));
    }

    [Theory]
    [InlineData("nosuch", "unknown platform \"nosuch\"; Ignition's platforms are: akamai, ")]
    public void AnUnknownPlatformFailsClearly(string platform, string expected)
    {
        var message = _run.Fails(Stage.FetchOffline, platform).Message;

        Assert.StartsWith(expected, message, StringComparison.Ordinal);
        Assert.False(File.Exists(_run.CachePath));
    }

    [Fact]
    public void FetchRunsOnlineAfterFetchOfflineAskedForTheNetwork()
    {
        using var server = new LoopbackHttpServer().Serve("/remote", Reply.Ok("from the network\n"));
        _run.Config(Ign.Config($$"""
            "storage": { "files": [ { "path": "/etc/remote", "contents": { "source": "{{server.Url("/remote")}}" } } ] }
            """));
        _run.Run(Stage.FetchOffline);
        Assert.True(File.Exists(_run.NeedNetPath));
        Assert.Empty(server.Requests);

        _run.Run(Stage.Fetch);
        _run.Run(Stage.Files);

        Assert.Contains("fetch: fetch complete", _run.Log.Messages);
        Assert.Equal("from the network\n", _run.Read("/etc/remote"));
        Assert.Single(server.Requests);
    }

    [Fact]
    public void TheFilesStageWithoutACacheSaysTheFetchStagesDidNotRun()
    {
        var message = _run.Fails(Stage.Files).Message;

        Assert.Contains("did they run?", message, StringComparison.Ordinal);
        Assert.Contains(_run.CachePath, message, StringComparison.Ordinal);
    }

    /// <summary>A cache damaged after fetch (by hand, or a disk): the files stage fails cleanly, naming the cache or the entry.</summary>
    [Theory]
    [InlineData("""{"ignition":{"version":"3.6.0"},"storage":{"files":[{"path":"/a","mode":"0644"}]}}""", "$.storage.files.0: ")]
    [InlineData("""{"ignition":{"version":"3.6.0"},"storage":{"files":[1]}}""", "the config cache ")]
    [InlineData("""{"ignition":{"version":"3.6.0"},"storage":{"links":[{"path":"/a","hard":"yes"}]}}""", "$.storage.links.0: ")]
    [InlineData("""{"ignition":{"version":"3.6.0"},"storage":{"files":[{"path":"/a"}""", "the config cache ")]
    public void ADamagedCacheFailsTheFilesStageCleanly(string cache, string expectedStart)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_run.CachePath)!);
        File.WriteAllText(_run.CachePath, cache);

        var message = _run.Fails(Stage.Files).Message;

        Assert.StartsWith(expectedStart, message, StringComparison.Ordinal);
        Assert.False(File.Exists(_run.InRoot("/a")));
    }

    private static string Stat(string hostPath) => string.Join('|', Sandbox.Stat(hostPath).Split('|').Take(4));

    /// <summary>A base config fragment writing each (path, contents) as a file.</summary>
    private static void Fragment(string directory, string name, params (string Path, string Contents)[] files)
    {
        var path = Path.Combine(directory, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var entries = new JsonArray([.. files.Select(f => (JsonNode)new JsonObject
        {
            ["path"] = f.Path,
            ["contents"] = new JsonObject { ["source"] = Ign.Data(f.Contents) },
        })]);
        File.WriteAllText(path, Ign.Config("\"storage\":{\"files\":" + entries.ToJsonString() + "}"));
    }
}
