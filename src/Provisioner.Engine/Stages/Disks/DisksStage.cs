using Provisioner.Config.Model;

namespace Provisioner.Engine.Stages.Disks;

/// <summary>
/// The disks stage, in Ignition's order: partitions, RAID arrays, LUKS volumes, filesystems. Each part is
/// planned against the devices as they are when its turn comes (RAID members may be partitions the first
/// part made), then run step by step; the first failing step fails the stage, naming its config entry.
/// A config without disks, raid, luks or filesystems touches no device at all.
/// </summary>
public sealed class DisksStage(DisksContext ctx)
{
    public IEnumerable<(string Name, Func<List<StageStep>> Steps)> Phases(Storage storage)
    {
        yield return ("partitions", () => PartitionSteps.Plan(storage.Disks, ctx));
        yield return ("raid", () => RaidSteps.Plan(storage.Raid, ctx));
        yield return ("luks", () => LuksSteps.Plan(storage.Luks, ctx));
        yield return ("filesystems", () => FilesystemSteps.Plan(storage.Filesystems, ctx));
    }

    public void Run(Storage storage)
    {
        if (storage.Disks.Count + storage.Raid.Count + storage.Luks.Count + storage.Filesystems.Count == 0)
        {
            ctx.Log.Info("no disks, RAID arrays, LUKS volumes or filesystems in the config: nothing to do");
            return;
        }
        foreach (var (name, plan) in Phases(storage))
        {
            using var _ = ctx.Log.Prefix(name);
            foreach (var step in plan())
            {
                StageSteps.Execute(step, ctx.Log);
            }
        }
    }
}
