using System.Text;
using System.Text.Json.Nodes;
using Provisioner.Config.Model;
using Provisioner.Engine.Fetching;
using Provisioner.Engine.Tests.Stages;

namespace Provisioner.Engine.Tests.Fetching;

/// <summary>
/// The config cache read in one streaming pass: entries found wherever the read buffer cuts them, tokens
/// larger than the buffer, the ordering fields taken from each entry, and the rest of the config intact.
/// </summary>
public sealed class CachedConfigTests : IDisposable
{
    private readonly string _directory = System.IO.Directory.CreateTempSubdirectory("provisioner-cache-").FullName;

    public void Dispose() => System.IO.Directory.Delete(_directory, recursive: true);

    [Fact]
    public void FindsEveryEntryAndItsOrderingFieldsAcrossManyBufferRefills()
    {
        var files = new JsonArray();
        for (var i = 0; i < 3000; i++)
        {
            files.Add((JsonNode)new JsonObject
            {
                ["path"] = $"/srv/dir{i % 37}/file-{i}.txt",
                ["mode"] = 0b110_100_000 + (i % 2),
                ["overwrite"] = i % 3 == 0,
                ["contents"] = new JsonObject { ["source"] = Ign.Data(new string('x', i % 200)) },
            });
        }
        var storage = new JsonObject
        {
            ["directories"] = new JsonArray(new JsonObject { ["path"] = "/srv", ["mode"] = 0b111_101_101 }),
            ["files"] = files,
            ["links"] = new JsonArray(
                new JsonObject { ["path"] = "/srv/hard", ["target"] = "/srv/dir0/file-0.txt", ["hard"] = true },
                new JsonObject { ["path"] = "/srv/soft", ["target"] = "dir1/file-1.txt" }),
            ["disks"] = new JsonArray(new JsonObject { ["device"] = "/dev/vdb", ["wipeTable"] = true }),
        };

        using var cached = Read(new JsonObject { ["ignition"] = new JsonObject { ["version"] = "3.6.0" }, ["storage"] = storage });

        Assert.Equal(3003, cached.Nodes.Count);
        var file = cached.Nodes.Single(n => n.Kind == NodeKind.File && n.Index == 2997);
        Assert.Equal(("/srv/dir0/file-2997.txt", 0b110_100_001L, true, false), (file.Path, file.Mode!.Value, file.Overwrite, file.Hard));
        var loaded = Assert.IsType<Provisioner.Config.Model.File>(file.Load());
        Assert.Equal("/srv/dir0/file-2997.txt", loaded.Path);
        Assert.Equal(Ign.Data(new string('x', 2997 % 200)), loaded.Contents.Source);
        Assert.False(cached.Nodes.Single(n => n.Kind == NodeKind.File && n.Index == 2999).Overwrite);
        var hard = cached.Nodes.Single(n => n.Path == "/srv/hard");
        Assert.Equal((NodeKind.Link, 0, true, "/srv/dir0/file-0.txt"), (hard.Kind, hard.Index, hard.Hard, hard.Target));
        Assert.Equal((NodeKind.Directory, 0L + 0b111_101_101), (cached.Nodes[0].Kind, cached.Nodes[0].Mode!.Value));
        Assert.Empty(cached.Rest.Storage.Files);
        Assert.Empty(cached.Rest.Storage.Links);
        Assert.Equal("/dev/vdb", Assert.Single(cached.Rest.Storage.Disks).Device);
    }

    [Fact]
    public void ReadsAnEntryWhoseContentsAreLargerThanTheReadBuffer()
    {
        var big = new string('a', 300_000) + "é";
        var config = new JsonObject
        {
            ["ignition"] = new JsonObject { ["version"] = "3.6.0" },
            ["storage"] = new JsonObject
            {
                ["files"] = new JsonArray(
                    new JsonObject { ["path"] = "/big", ["contents"] = new JsonObject { ["source"] = "data:;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(big)) } },
                    new JsonObject { ["path"] = "/after", ["mode"] = 0b111_000_000 }),
            },
            ["systemd"] = new JsonObject { ["units"] = new JsonArray(new JsonObject { ["name"] = "a.service", ["enabled"] = true }) },
        };

        using var cached = Read(config);

        var file = Assert.IsType<Provisioner.Config.Model.File>(cached.Nodes[0].Load());
        Assert.Equal(big, Encoding.UTF8.GetString(Convert.FromBase64String(file.Contents.Source!["data:;base64,".Length..])));
        Assert.Equal(("/after", 0b111_000_000L), (cached.Nodes[1].Path, cached.Nodes[1].Mode!.Value));
        Assert.Equal("a.service", Assert.Single(cached.Rest.Systemd.Units).Name);
    }

    [Fact]
    public void ListsOutsideStorageAreNotEntries()
    {
        var config = JsonNode.Parse("""
            {"ignition":{"version":"3.6.0","config":{"merge":[]}},"passwd":{"users":[{"name":"core","sshAuthorizedKeys":["k"]}]},
             "storage":{"filesystems":[{"device":"/dev/vdb","format":"ext4","path":"/var"}],"files":[]}}
            """)!.AsObject();

        using var cached = Read(config);

        Assert.Empty(cached.Nodes);
        Assert.Equal("core", Assert.Single(cached.Rest.Passwd.Users).Name);
        Assert.Equal("/var", Assert.Single(cached.Rest.Storage.Filesystems).Path);
    }

    private CachedConfig Read(JsonObject config)
    {
        var path = Path.Combine(_directory, "ignition.json");
        System.IO.File.WriteAllText(path, config.ToJsonString());
        return CachedConfig.Read(path);
    }
}
