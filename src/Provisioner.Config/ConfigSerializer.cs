using System.Buffers;
using System.Text.Json;
using Provisioner.Config.Json;
using Provisioner.Config.Model;
using Provisioner.Config.Reporting;
using Provisioner.Config.Schema;
using Provisioner.Config.Validation;
using Provisioner.Config.Versions;

namespace Provisioner.Config;

/// <summary>
/// The rendered config between stages: fetch writes it to the config cache as JSON of the newest spec,
/// the later stages read it back as it is: its shape is checked (a damaged cache is refused), its rules are
/// not checked again (as Ignition does).
/// </summary>
public static class ConfigSerializer
{
    /// <summary>The config as JSON of the newest spec: what the fetch stages write to the config cache.</summary>
    public static byte[] Serialize(Configuration config)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ModelWriter.Write(writer, config);
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The config in a cache file; a damaged cache is a <see cref="JsonException"/> that says what and where.
    /// Read with the same reader as a user's config, checked against the newest schema, rather than with
    /// System.Text.Json's serializer: setting up its metadata costs a tenth of a second per stage under
    /// an emulated CPU, more than the rest of a stage's own work.
    /// </summary>
    public static Configuration Deserialize(ReadOnlySpan<byte> json) =>
        Read(json, NewestSchema, ModelReader.Read);

    /// <summary>One entry of storage.files, storage.directories or storage.links, from its JSON in a cache.</summary>
    public static Node DeserializeNode(ReadOnlySpan<byte> json, NodeKind kind)
    {
        var storage = NewestSchema.Properties["storage"];
        return kind switch
        {
            NodeKind.File => Read(json, storage.Properties["files"].Items!, ModelReader.FileEntry),
            NodeKind.Directory => Read(json, storage.Properties["directories"].Items!, ModelReader.DirectoryEntry),
            _ => Read(json, storage.Properties["links"].Items!, ModelReader.LinkEntry),
        };
    }

    private static SchemaNode NewestSchema => SpecSchema.For(SpecVersion.V3_7Experimental);

    private static T Read<T>(ReadOnlySpan<byte> json, SchemaNode schema, Func<SourceNode, T> read)
    {
        var source = new SourceText(json);
        SourceNode root;
        try
        {
            root = SourceReader.Read(json, source);
        }
        catch (ConfigSyntaxException e)
        {
            var (line, column) = source.Position(e.Offset);
            throw new JsonException($"line {line} col {column}: {e.Message}");
        }
        if (root.Kind != JsonKind.Object)
        {
            throw new JsonException($"expected an object, found {root.DescribeKind()}");
        }
        var (canonical, check) = SchemaChecker.Check(root, schema, source);
        if (check.TypeErrors.Entries.FirstOrDefault() is { } error)
        {
            throw new JsonException(error.ToString());
        }
        return read(canonical);
    }

    /// <summary>
    /// The checks a rendered config (parent and referenced configs merged, translated to the newest spec)
    /// gets before it is cached: every semantic rule except duplicates, which only make sense per config as written.
    /// </summary>
    public static Report ValidateRendered(Configuration config)
    {
        var report = new Report();
        ConfigValidator.Validate(config, SpecVersion.V3_7Experimental, report, duplicates: false);
        return report;
    }
}
