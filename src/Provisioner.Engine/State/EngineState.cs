using System.Text.Json.Serialization;

namespace Provisioner.Engine.State;

/// <summary>
/// What one stage hands to the next, in Ignition's state file layout (the fields it has). The LUKS keys
/// go from the disks stage to the files stage, which writes them to /etc/luks and then drops them.
/// </summary>
public sealed class EngineState
{
    [JsonPropertyName("fetchedConfigs")]
    public List<FetchedConfig> FetchedConfigs { get; set; } = [];

    [JsonPropertyName("luksPersistKeyFiles")]
    public Dictionary<string, string>? LuksPersistKeyFiles { get; set; }

    /// <summary>Directories the mount stage created, relative to the root.</summary>
    [JsonPropertyName("notatedDirectories")]
    public List<string>? NotatedDirectories { get; set; }

    [JsonPropertyName("providerOutputFiles")]
    public List<System.Text.Json.Nodes.JsonNode>? ProviderOutputFiles { get; set; }

    [JsonPropertyName("luksPersistVolumeKeyFiles")]
    public Dictionary<string, string>? LuksPersistVolumeKeyFiles { get; set; }

    /// <summary>True when a config of kind "user" was read in any stage so far.</summary>
    [JsonIgnore]
    public bool UserConfigProvided => FetchedConfigs.Any(c => c.Kind == FetchedConfig.UserKind);
}
