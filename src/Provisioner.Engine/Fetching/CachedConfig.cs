using System.Text.Json;
using Provisioner.Config;
using Provisioner.Config.Model;
using Provisioner.Engine.Stages.Files;

namespace Provisioner.Engine.Fetching;

/// <summary>
/// The config cache read for the files stage without materialising every storage entry: one pass over the
/// UTF-8 bytes finds each entry of storage.files, directories and links (its path and the few fields
/// ordering needs, and where its bytes are); the rest of the config is read as usual. An entry is
/// deserialized only when it is applied, so the contents of 10,000 files are never in memory together.
/// </summary>
public sealed class CachedConfig
{
    private CachedConfig(Configuration rest, List<NodeEntry> nodes)
    {
        Rest = rest;
        Nodes = nodes;
    }

    /// <summary>The config with its storage.files, directories and links left empty.</summary>
    public Configuration Rest { get; }

    /// <summary>The storage entries, loaded on demand.</summary>
    public IReadOnlyList<NodeEntry> Nodes { get; }

    public static CachedConfig Read(string path)
    {
        var bytes = HostFiles.Read(path, "the config cache (written by the fetch stages; did they run?)");
        try
        {
            return Index(bytes);
        }
        // The reader says InvalidOperationException when a token is not what the layout needs (an entry that is not an object).
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new StageFailedException($"the config cache {path} cannot be read: {e.Message}");
        }
    }

    public static CachedConfig Index(byte[] bytes)
    {
        var nodes = new List<NodeEntry>();
        var cut = new List<(long Start, long End)>();
        var reader = new Utf8JsonReader(bytes);
        string? list = null;
        var inStorage = false;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                if (reader.CurrentDepth == 1)
                {
                    inStorage = name == "storage";
                }
                else if (reader.CurrentDepth == 2 && inStorage && name is "files" or "directories" or "links")
                {
                    list = name;
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartArray)
                    {
                        var start = reader.TokenStartIndex;
                        ReadList(ref reader, bytes, KindOf(list), nodes);
                        cut.Add((start, reader.BytesConsumed));
                    }
                }
            }
        }
        return new CachedConfig(ConfigSerializer.Deserialize(WithoutLists(bytes, cut)), nodes);
    }

    private static NodeKind KindOf(string list) => list switch
    {
        "files" => NodeKind.File,
        "directories" => NodeKind.Directory,
        _ => NodeKind.Link,
    };

    private static void ReadList(ref Utf8JsonReader reader, byte[] bytes, NodeKind kind, List<NodeEntry> nodes)
    {
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = (int)reader.TokenStartIndex;
            string path = "";
            string? target = null;
            long? mode = null;
            bool hard = false, overwrite = false;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "path" when reader.TokenType == JsonTokenType.String:
                        path = reader.GetString()!;
                        break;
                    case "target" when reader.TokenType == JsonTokenType.String:
                        target = reader.GetString();
                        break;
                    case "mode" when reader.TokenType == JsonTokenType.Number:
                        mode = reader.GetInt64();
                        break;
                    case "hard" when reader.TokenType is JsonTokenType.True:
                        hard = true;
                        break;
                    case "overwrite" when reader.TokenType is JsonTokenType.True:
                        overwrite = true;
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
            var length = (int)reader.BytesConsumed - start;
            var slice = new ReadOnlyMemory<byte>(bytes, start, length);
            nodes.Add(new NodeEntry(kind, index++, path, hard, overwrite, mode, target, () => ConfigSerializer.DeserializeNode(slice.Span, kind)));
        }
    }

    private static byte[] WithoutLists(byte[] bytes, List<(long Start, long End)> cut)
    {
        using var rest = new MemoryStream();
        long at = 0;
        foreach (var (start, end) in cut)
        {
            rest.Write(bytes, (int)at, (int)(start - at));
            rest.Write("[]"u8);
            at = end;
        }
        rest.Write(bytes, (int)at, (int)(bytes.Length - at));
        return rest.ToArray();
    }
}
