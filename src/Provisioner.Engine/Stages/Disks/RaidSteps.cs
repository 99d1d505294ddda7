using Provisioner.Config.Model;

namespace Provisioner.Engine.Stages.Disks;

/// <summary>storage.raid: not built yet.</summary>
public static class RaidSteps
{
    public static List<StageStep> Plan(IReadOnlyList<Raid> entries, DisksContext ctx) =>
        entries.Count == 0
            ? []
            : throw new StageFailedException("storage.raid is not built yet in this version of provisioner; the machine was not provisioned");
}
