using System.Text.Json.Serialization;

namespace Provisioner.Engine.State;

/// <summary>One config the engine read: a base config of the system or the user's, and where it came from.</summary>
public sealed record FetchedConfig(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("referenced")] bool Referenced)
{
    public const string BaseKind = "base";
    public const string UserKind = "user";
}
