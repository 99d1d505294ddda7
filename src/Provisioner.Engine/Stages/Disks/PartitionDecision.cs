namespace Provisioner.Engine.Stages.Disks;

/// <summary>The decision for one configured partition; start and size (logical sectors) are what the kernel must show afterwards.</summary>
public sealed record PartitionDecision(PartitionAction Action, int Index, int Number, long Start, long Size, string Description);
