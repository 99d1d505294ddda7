namespace Provisioner.Engine.Stages.Files;

/// <summary>
/// One operation of the files stage: what it does (logged, and printed by <c>plan</c>), the config entry it
/// comes from (a JSON path, or null for the stage's own files), and the action itself.
/// </summary>
public sealed record FilesStep(string Description, string? Source, Action Apply);
