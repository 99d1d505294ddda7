using Provisioner.Config;
using Provisioner.Config.Model;
using Provisioner.Config.Reporting;
using Provisioner.Engine.Fetching;
using Provisioner.Engine.Logging;
using Provisioner.Engine.Resources;
using Provisioner.Engine.State;

namespace Provisioner.Engine.Offline;

/// <summary>
/// A config given on a workstation (<c>apply</c>, <c>plan</c>): parsed, its data: references rendered,
/// checked as fetch checks it. Nothing is fetched from a network.
/// </summary>
public static class OfflineConfig
{
    public static Configuration Load(byte[] data, string name, Log log)
    {
        var config = ConfigLoader.Parse(data, name, log);
        var fetcher = new ResourceFetcher { Offline = true };
        try
        {
            config = new ConfigRenderer(fetcher, new EngineState(), log).Render(config);
        }
        catch (NeedNetworkException e)
        {
            throw new StageFailedException($"{name} references {ConfigRenderer.Describe(e.Url)}, which needs the network; apply and plan work offline");
        }
        var errors = ConfigSerializer.ValidateRendered(config).Entries.Where(e => e.Severity == Severity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new StageFailedException($"merging the configs referenced by {name} resulted in an invalid config: {errors[0]}");
        }
        return config;
    }

    /// <summary>The parts of a config that need a real machine (disks, kernel arguments), named for the user.</summary>
    public static List<string> MachineOnlySections(Configuration config)
    {
        var storage = config.Storage;
        var found = new List<string>();
        void Check(bool present, string name)
        {
            if (present)
            {
                found.Add(name);
            }
        }
        Check(config.KernelArguments.ShouldExist.Count + config.KernelArguments.ShouldNotExist.Count > 0, "kernelArguments");
        Check(storage.Disks.Count > 0, "storage.disks");
        Check(storage.Raid.Count > 0, "storage.raid");
        Check(storage.Luks.Count > 0, "storage.luks");
        Check(storage.Filesystems.Count > 0, "storage.filesystems");
        return found;
    }
}
