using Provisioner.Config.Model;
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
            return new ConfigRenderer(fetcher, new EngineState(), log).RenderChecked(config, name);
        }
        catch (NeedNetworkException e)
        {
            throw new StageFailedException($"{name} references {ResourceSource.Describe(e.Url)}, which needs the network; apply and plan work offline");
        }
    }
}
