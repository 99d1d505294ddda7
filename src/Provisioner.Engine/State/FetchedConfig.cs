namespace Provisioner.Engine.State;

/// <summary>One config the engine read: a base config of the system or the user's, and where it came from.</summary>
public sealed record FetchedConfig(string Kind, string Source, bool Referenced)
{
    public const string BaseKind = "base";
    public const string UserKind = "user";
}
