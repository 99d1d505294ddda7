using Provisioner.Config.Model;

namespace Provisioner.Engine.Stages.Disks;

/// <summary>storage.disks: not built yet.</summary>
public static class PartitionSteps
{
    public static List<StageStep> Plan(IReadOnlyList<Disk> entries, DisksContext ctx) =>
        entries.Count == 0
            ? []
            : throw new StageFailedException("storage.disks is not built yet in this version of provisioner; the machine was not provisioned");
}
