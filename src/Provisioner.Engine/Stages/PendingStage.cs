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
        var storage = config.Storage;
        var asks = stage switch
        {
            Stage.Kargs => config.KernelArguments.ShouldExist.Count + config.KernelArguments.ShouldNotExist.Count > 0 ? "kernelArguments" : null,
            Stage.Disks when storage.Disks.Count > 0 => "storage.disks",
            Stage.Disks when storage.Raid.Count > 0 => "storage.raid",
            Stage.Disks when storage.Luks.Count > 0 => "storage.luks",
            Stage.Disks when storage.Filesystems.Count > 0 => "storage.filesystems",
            Stage.Mount or Stage.Umount when storage.Filesystems.Any(f => !string.IsNullOrEmpty(f.Path)) => "storage.filesystems with a path",
            _ => null,
        };
        if (asks is not null)
        {
            throw new StageFailedException($"the config has {asks}, and stage {stage.Name()} is not built yet in this version of provisioner; the machine was not provisioned");
        }
        log.Info($"nothing to do in stage {stage.Name()} for this config");
    }
}
