namespace Provisioner.Engine.Stages.Disks;

/// <summary>
/// Everything decided for one disk before it is touched: a decision per configured partition, the one
/// sgdisk commit that carries them out (deletions first; empty when nothing changes), and the partitions
/// partx must tell the kernel about.
/// </summary>
public sealed record PartitionPlan(
    IReadOnlyList<PartitionDecision> Decisions,
    IReadOnlyList<string> CommitArgs,
    IReadOnlyList<int> PartxDelete,
    IReadOnlyList<int> PartxUpdate,
    IReadOnlyList<int> PartxAdd);
