namespace Provisioner.Engine.Stages;

/// <summary>
/// One operation of a machine stage, decided before anything runs: what it does (for the log and for
/// <c>provisioner plan</c>), the config entry it comes from (<c>$.storage.disks.0.partitions.1</c>), and the action.
/// </summary>
public sealed record StageStep(string Description, string? Source, Action Apply);
