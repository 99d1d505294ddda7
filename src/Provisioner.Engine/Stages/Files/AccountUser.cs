namespace Provisioner.Engine.Stages.Files;

/// <summary>A user of the target root: name, ids and home directory.</summary>
public sealed record AccountUser(string Name, int Uid, int Gid, string Home);
