using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Provisioner.Config.Model;
using Provisioner.Tests;

namespace Provisioner.Config.Tests;

/// <summary>
/// The config cache's JSON, written and read without System.Text.Json's serializer (ModelWriter,
/// ModelReader). The reference is what that serializer writes for the same model, with the options the
/// cache was written with before: the bytes must be the same, so the cache format did not change.
/// </summary>
public sealed class CacheFormatTests
{
    private static readonly string CorpusDirectory = RepoPaths.Of("tests", "corpus", "validate");

    /// <summary>Every field of the newest stable spec set, most to a value that is not the default.</summary>
    private const string EveryField = """
        {
          "ignition": {
            "version": "3.6.0",
            "config": {
              "merge": [ { "source": "https://example.com/a.ign", "compression": "gzip", "verification": { "hash": "sha512-00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000" },
                           "httpHeaders": [ { "name": "A", "value": "b" }, { "name": "Drop" } ] } ],
              "replace": { "source": "data:,x" }
            },
            "proxy": { "httpProxy": "http://proxy:3128", "httpsProxy": "http://proxy:3129", "noProxy": [ "a", "b" ] },
            "security": { "tls": { "certificateAuthorities": [ { "source": "data:,ca" } ] } },
            "timeouts": { "httpResponseHeaders": 10, "httpTotal": 0 }
          },
          "kernelArguments": { "shouldExist": [ "a=1", "quiet" ], "shouldNotExist": [ "b" ] },
          "passwd": {
            "groups": [ { "name": "g", "gid": 1001, "passwordHash": "*", "shouldExist": true, "system": false } ],
            "users": [ { "name": "u", "uid": 1001, "gecos": "U <u@example.com> & co", "groups": [ "g" ], "homeDir": "/home/u",
                         "noCreateHome": false, "noLogInit": true, "noUserGroup": false, "passwordHash": "$6$x", "primaryGroup": "g",
                         "sshAuthorizedKeys": [ "ssh-ed25519 AAAA u" ], "shell": "/bin/bash", "shouldExist": true, "system": false } ]
          },
          "storage": {
            "disks": [ { "device": "/dev/vdb", "wipeTable": true,
                         "partitions": [ { "number": 1, "label": "DATA", "sizeMiB": 0, "startMiB": 1, "typeGuid": "0FC63DAF-8483-4772-8E79-3D69D8477DE4",
                                           "guid": "8A9F0000-0000-4000-8000-000000000001",
                                           "resize": false, "shouldExist": true, "wipePartitionEntry": false },
                                         { "label": "ZERO" } ] } ],
            "raid": [ { "name": "md", "level": "raid1", "devices": [ "/dev/a", "/dev/b" ], "spares": 1, "options": [ "--x" ] } ],
            "luks": [ { "name": "l", "device": "/dev/vdc", "label": "L", "uuid": "u-u", "wipeVolume": true, "discard": true,
                        "options": [ "--o" ], "openOptions": [ "--p" ], "keyFile": { "source": "data:,key" },
                        "clevis": { "tpm2": true, "threshold": 2, "tang": [ { "url": "http://tang", "thumbprint": "t", "advertisement": "{}" } ] },
                        "cex": { "enabled": false } },
                      { "name": "m", "device": "/dev/vdd", "clevis": { "custom": { "pin": "sss", "config": "{}", "needsNetwork": true } } } ],
            "filesystems": [ { "device": "/dev/vdb1", "format": "ext4", "path": "/var", "label": "VAR", "uuid": "u", "wipeFilesystem": true,
                               "options": [ "-b", "4096" ], "mountOptions": [ "noatime" ] } ],
            "files": [ { "path": "/etc/a", "overwrite": true, "mode": 420, "user": { "id": 0 }, "group": { "name": "root" },
                         "contents": { "source": "data:,%3C%3E%26%27+%E2%82%AC" }, "append": [ { "source": "data:,more" } ] } ],
            "directories": [ { "path": "/etc/d", "mode": 493, "user": { "name": "core" }, "group": { "id": 10 }, "overwrite": false } ],
            "links": [ { "path": "/etc/l", "target": "/etc/a", "hard": false, "overwrite": true, "user": { "id": 1 } } ]
          },
          "systemd": {
            "units": [ { "name": "a.service", "enabled": true, "mask": false, "contents": "[Unit]\nDescription=\u00e9 \"q\"\n[Install]\nWantedBy=multi-user.target\n",
                         "dropins": [ { "name": "b.conf", "contents": "[Service]\n" } ] } ]
          }
        }
        """;

    public static TheoryData<string> Configs()
    {
        var data = new TheoryData<string> { "every-field" };
        foreach (var file in System.IO.Directory.EnumerateFiles(CorpusDirectory, "*.ign", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(CorpusDirectory, file)[..^4].Replace('\\', '/'));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Configs))]
    public void WritesWhatTheSerializerWroteAndReadsItBack(string name)
    {
        var bytes = name == "every-field" ? Encoding.UTF8.GetBytes(EveryField) : System.IO.File.ReadAllBytes(Path.Combine(CorpusDirectory, name + ".ign"));
        var parsed = ConfigParser.Parse(bytes);
        Assert.True(name != "every-field" || parsed.Config is not null, string.Join("\n", parsed.Report.Entries));
        if (parsed.Config is not { } config)
        {
            return; // Refused configs never reach the cache.
        }

        var written = ConfigSerializer.Serialize(config);
        Assert.Equal(
            Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(config, ReferenceContext.Default.Configuration)),
            Encoding.UTF8.GetString(written));
        Assert.Equal(Encoding.UTF8.GetString(written), Encoding.UTF8.GetString(ConfigSerializer.Serialize(ConfigSerializer.Deserialize(written))));
    }

    [Fact]
    public void EveryFieldIsWritten()
    {
        var written = Encoding.UTF8.GetString(ConfigSerializer.Serialize(ConfigParser.Parse(Encoding.UTF8.GetBytes(EveryField)).Config!));

        foreach (var field in new[]
                 {
                     "\"compression\":\"gzip\"", "\"httpHeaders\":[{\"name\":\"A\",\"value\":\"b\"},{\"name\":\"Drop\"}]", "\"noProxy\":[\"a\",\"b\"]",
                     "\"httpTotal\":0", "\"shouldNotExist\":[\"b\"]", "\"gid\":1001", "\"noLogInit\":true", "\"primaryGroup\":\"g\"",
                     "\"startMiB\":1", "\"wipePartitionEntry\":false", "\"number\":0", "\"spares\":1", "\"openOptions\":[\"--p\"]",
                     "\"needsNetwork\":true", "\"advertisement\":\"{}\"", "\"cex\":{\"enabled\":false}", "\"mountOptions\":[\"noatime\"]",
                     "\"append\":[{", "\"user\":{\"id\":0}", "\"hard\":false", "\"mask\":false", "\"dropins\":[{",
                 })
        {
            Assert.Contains(field, written);
        }
    }

    [Fact]
    public void ReadsEachStorageEntryOnItsOwn()
    {
        var file = (Model.File)ConfigSerializer.DeserializeNode(
            """{"append":[],"contents":{"httpHeaders":[],"source":"data:,a","verification":{}},"mode":420,"group":{},"overwrite":true,"path":"/etc/a","user":{"id":0}}"""u8,
            NodeKind.File);
        var directory = (Model.Directory)ConfigSerializer.DeserializeNode("""{"mode":493,"group":{"id":10},"path":"/d","user":{}}"""u8, NodeKind.Directory);
        var link = (Link)ConfigSerializer.DeserializeNode("""{"hard":true,"target":"/a","group":{},"path":"/l","user":{"name":"core"}}"""u8, NodeKind.Link);

        Assert.Equal(("/etc/a", "data:,a", 420L, true, 0L), (file.Path, file.Contents.Source, file.Mode, file.Overwrite, file.User.Id));
        Assert.Equal(("/d", 493L, 10L), (directory.Path, directory.Mode, directory.Group.Id));
        Assert.Equal(("/l", "/a", true, "core"), (link.Path, link.Target, link.Hard, link.User.Name));
    }

    [Theory]
    [InlineData("{\"ignition\":", "line 1 col 13")]
    [InlineData("[]", "expected an object, found a list")]
    [InlineData("null", "expected an object, found null")]
    [InlineData("{\"ignition\":{\"version\":\"3.6.0\"},\n\"storage\":{\"files\":[{\"path\":\"/a\",\"mode\":\"420\"}]}}", "$.storage.files.0.mode, line 2 col")]
    public void ADamagedCacheIsRefusedSayingWhereAndWhat(string cache, string expected)
    {
        var e = Assert.Throws<JsonException>(() => ConfigSerializer.Deserialize(Encoding.UTF8.GetBytes(cache)));

        Assert.Contains(expected, e.Message);
    }
}

/// <summary>The serializer and options the config cache was written with before ModelWriter.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Configuration))]
internal sealed partial class ReferenceContext : JsonSerializerContext;
