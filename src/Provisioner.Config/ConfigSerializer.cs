using System.Text.Json;
using Provisioner.Config.Json;
using Provisioner.Config.Model;
using Provisioner.Config.Reporting;
using Provisioner.Config.Validation;
using Provisioner.Config.Versions;

namespace Provisioner.Config;

/// <summary>
/// The rendered config between stages: fetch writes it to the config cache as JSON of the newest spec,
/// the later stages read it back as it is, without checking it again (as Ignition does).
/// </summary>
public static class ConfigSerializer
{
    public static byte[] Serialize(Configuration config) =>
        JsonSerializer.SerializeToUtf8Bytes(config, ConfigJsonContext.Default.Configuration);

    /// <summary>The config in a cache file; a damaged cache is a <see cref="JsonException"/>.</summary>
    /// <summary>Reads a config from a stream without holding its whole text in memory.</summary>
    public static Configuration Deserialize(Stream json) =>
        JsonSerializer.Deserialize(json, ConfigJsonContext.Default.Configuration)
        ?? throw new JsonException("the config cache holds null, not a config");

    public static Configuration Deserialize(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, ConfigJsonContext.Default.Configuration)
        ?? throw new JsonException("the config cache holds null, not a config");

    /// <summary>One entry of storage.files, storage.directories or storage.links, from its JSON in a cache.</summary>
    public static Node DeserializeNode(ReadOnlySpan<byte> json, NodeKind kind) => kind switch
    {
        NodeKind.File => JsonSerializer.Deserialize(json, ConfigJsonContext.Default.File),
        NodeKind.Directory => JsonSerializer.Deserialize(json, ConfigJsonContext.Default.Directory),
        _ => (Node?)JsonSerializer.Deserialize(json, ConfigJsonContext.Default.Link),
    } ?? throw new JsonException("a storage entry of the config cache is null");

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
