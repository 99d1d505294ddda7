namespace Provisioner.Engine.State;

/// <summary>
/// What one stage hands to the next, in Ignition's state file layout (the fields it has). The LUKS keys
/// go from the disks stage to the files stage, which writes them to /etc/luks and then drops them.
/// <see cref="StateJson"/> reads and writes it.
/// </summary>
public sealed class EngineState
{
    public List<FetchedConfig> FetchedConfigs { get; set; } = [];

    public Dictionary<string, string>? LuksPersistKeyFiles { get; set; }

    /// <summary>Directories the mount stage created, relative to the root.</summary>
    public List<string>? NotatedDirectories { get; set; }

    /// <summary>Carried from stage to stage untouched: each the compact JSON text of one value.</summary>
    public List<string>? ProviderOutputFiles { get; set; }

    public Dictionary<string, string>? LuksPersistVolumeKeyFiles { get; set; }

    /// <summary>True when a config of kind "user" was read in any stage so far.</summary>
    public bool UserConfigProvided => FetchedConfigs.Any(c => c.Kind == FetchedConfig.UserKind);
}
