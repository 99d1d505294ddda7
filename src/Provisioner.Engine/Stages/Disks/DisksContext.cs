using Provisioner.Engine.Logging;
using Provisioner.Engine.Machine;
using Provisioner.Engine.Resources;
using Provisioner.Engine.State;
using Provisioner.Engine.Tools;

namespace Provisioner.Engine.Stages.Disks;

/// <summary>What the disks stage works with: the tools, the block devices, the fetcher (LUKS key files) and the state (keys for the files stage's crypttab).</summary>
public sealed class DisksContext(ToolRunner runner, ToolPaths tools, Log log, ResourceFetcher fetcher, EngineState state)
{
    public ToolRunner Runner { get; } = runner;
    public ToolPaths Tools { get; } = tools;
    public Log Log { get; } = log;
    public ResourceFetcher Fetcher { get; } = fetcher;
    public EngineState State { get; } = state;
    public BlockDevices Devices { get; } = new(runner, tools, log);
}
