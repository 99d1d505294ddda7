using Provisioner.Config.Model;

namespace Provisioner.Engine.Stages.Disks;

/// <summary>storage.luks: not built yet.</summary>
public static class LuksSteps
{
    public static List<StageStep> Plan(IReadOnlyList<Luks> entries, DisksContext ctx) =>
        entries.Count == 0
            ? []
            : throw new StageFailedException("storage.luks is not built yet in this version of provisioner; the machine was not provisioned");
}
