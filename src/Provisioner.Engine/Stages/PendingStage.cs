using Provisioner.Config.Model;
using Provisioner.Engine.Logging;

namespace Provisioner.Engine.Stages;

/// <summary>
/// kargs, disks, mount and umount until they are built: a config that asks nothing of them passes
/// (so a boot with a files-only config completes), one that does fails clearly rather than booting a
/// machine without its disks or kernel arguments.
/// </summary>
public static class PendingStage
{
    public static void Run(Stage stage, Configuration config, Log log)
    {
        var asks = MachineSections.Of(config).FirstOrDefault(s => s.Stage == stage).Name;
        if (asks is not null)
        {
            throw new StageFailedException($"the config has {asks}, and stage {stage.Name()} is not built yet in this version of provisioner; the machine was not provisioned");
        }
        log.Info($"nothing to do in stage {stage.Name()} for this config");
    }
}
