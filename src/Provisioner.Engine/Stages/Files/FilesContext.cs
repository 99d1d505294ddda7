using Provisioner.Engine.Logging;
using Provisioner.Engine.Machine;
using Provisioner.Engine.Resources;
using Provisioner.Engine.State;
using Provisioner.Engine.Tools;

namespace Provisioner.Engine.Stages.Files;

/// <summary>Everything the files stage acts through: the rooted file system, the tools, the fetcher, the state.</summary>
public sealed class FilesContext(RootedFileSystem fs, Log log, ToolRunner runner, ToolPaths tools, ResourceFetcher fetcher, EngineState state)
{
    private AccountDatabase? accounts;

    public RootedFileSystem Fs { get; } = fs;
    public Log Log { get; } = log;
    public ToolRunner Runner { get; } = runner;
    public ToolPaths Tools { get; } = tools;
    public ResourceFetcher Fetcher { get; } = fetcher;
    public EngineState State { get; } = state;
    public SelinuxRelabeler Relabeler { get; } = SelinuxRelabeler.Detect(fs);

    /// <summary>The root as the tools see it (useradd --root, systemctl --root).</summary>
    public string HostRoot => Fs.RootPath;

    /// <summary>The root's users and groups, read once and again after <see cref="AccountsChanged"/>.</summary>
    public AccountDatabase Accounts => accounts ??= AccountDatabase.Load(Fs);

    public void AccountsChanged() => accounts = null;
}
