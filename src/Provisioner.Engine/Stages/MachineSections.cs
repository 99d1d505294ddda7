using Provisioner.Config.Model;

namespace Provisioner.Engine.Stages;

/// <summary>
/// The parts of a config only a real machine can apply (kernel arguments, disks, RAID, LUKS, filesystems),
/// each with the stage that applies it: what the pending stages refuse and what apply and plan leave out.
/// </summary>
public static class MachineSections
{
    public static List<(Stage Stage, string Name)> Of(Configuration config)
    {
        var storage = config.Storage;
        var found = new List<(Stage, string)>();
        void Add(bool present, Stage stage, string name)
        {
            if (present)
            {
                found.Add((stage, name));
            }
        }
        Add(config.KernelArguments.ShouldExist.Count + config.KernelArguments.ShouldNotExist.Count > 0, Stage.Kargs, "kernelArguments");
        Add(storage.Disks.Count > 0, Stage.Disks, "storage.disks");
        Add(storage.Raid.Count > 0, Stage.Disks, "storage.raid");
        Add(storage.Luks.Count > 0, Stage.Disks, "storage.luks");
        Add(storage.Filesystems.Count > 0, Stage.Disks, "storage.filesystems");
        var mounted = storage.Filesystems.Any(f => !string.IsNullOrEmpty(f.Path));
        Add(mounted, Stage.Mount, "storage.filesystems with a path");
        Add(mounted, Stage.Umount, "storage.filesystems with a path");
        return found;
    }

    /// <summary>The section names, once each, for people.</summary>
    public static List<string> Names(Configuration config) => [.. Of(config).Select(s => s.Name).Distinct()];
}
