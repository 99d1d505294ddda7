using Provisioner.Config.Merging;
using Provisioner.Config.Model;
using Provisioner.Engine.Fetching;
using Provisioner.Engine.Logging;
using Provisioner.Engine.Machine;
using Provisioner.Engine.Providers;
using Provisioner.Engine.Resources;
using Provisioner.Engine.Resources.Cloud;
using Provisioner.Engine.Resources.Http;
using Provisioner.Engine.Stages;
using Provisioner.Engine.Stages.Disks;
using Provisioner.Engine.Stages.Files;
using Provisioner.Engine.Stages.Kargs;
using Provisioner.Engine.Stages.Mounts;
using Provisioner.Engine.State;
using Provisioner.Engine.Tools;

namespace Provisioner.Engine;

/// <summary>
/// Runs one stage as Ignition's engine does: load the state, read the system's base configs, get the
/// config (fetched and cached by the fetch stages, read from the cache by the others), run the stage on
/// base + config, save the state. fetch-offline that meets a network resource writes the neednet flag
/// and succeeds, so the boot brings the network up and runs fetch.
/// </summary>
public sealed class StageRunner(EngineOptions options, Log log)
{
    public Func<string, string?> Environment { get; init; } = ProviderContext.ProcessEnvironment;

    public ToolPaths Tools { get; init; } = new();

    /// <summary>The wait between HTTP attempts; Ignition's unless a test shortens it.</summary>
    internal RetryBackoff Backoff { get; init; } = RetryBackoff.Ignition;

    /// <summary>How long a TFTP fetch waits for each packet; tests shorten it.</summary>
    internal TimeSpan TftpTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Runs the stage; a failure is a <see cref="StageFailedException"/> whose message says what and where.</summary>
    public void Run()
    {
        var stage = options.Stage;
        var state = StateFile.Load(options.StateFile);
        using (log.Prefix(stage.Name()))
        {
            var baseConfig = new SystemConfig(Environment).BaseConfig(options.Platform, log);
            if (baseConfig is not null)
            {
                state.FetchedConfigs.Add(new FetchedConfig(FetchedConfig.BaseKind, "system", Referenced: false));
            }
            using var fetcher = new ResourceFetcher
            {
                Offline = stage == Stage.FetchOffline,
                Log = log,
                Backoff = Backoff,
                TftpTimeout = TftpTimeout,
                Platform = options.Platform,
                Endpoints = CloudEndpoints.FromEnvironment(Environment),
            };
            try
            {
                if (stage == Stage.Files && baseConfig is null)
                {
                    // The common case, read lazily: no base config to merge, so entries load one by one.
                    using var cached = CachedConfig.Read(options.ConfigCache);
                    fetcher.Configure(cached.Rest.Ignition);
                    RunFiles(cached.Rest, fetcher, state, cached.Nodes);
                }
                else
                {
                    Configuration config;
                    if (stage is Stage.FetchOffline or Stage.Fetch)
                    {
                        fetcher.ConfigureForPlatform(options.FetchTimeout);
                        config = new ConfigAcquirer(PlatformRegistry.Get(options.Platform), new ProviderContext(fetcher, log, Environment) { Tools = Tools }, state).Acquire(options.ConfigCache);
                    }
                    else
                    {
                        // The cached config's HTTP settings, not the base configs' (Ignition's acquireCachedConfig).
                        config = ConfigCache.Read(options.ConfigCache);
                        fetcher.Configure(config.Ignition);
                    }
                    // Ignition merges base and config onto an empty config; without a base that changes nothing
                    // but the version, and merging copies the whole config (every file's contents) twice.
                    var full = baseConfig is null ? config : ConfigMerger.Merge(ConfigLoader.Empty(), ConfigMerger.Merge(baseConfig, config));
                    RunStage(stage, full, fetcher, state);
                }
            }
            catch (NeedNetworkException e) when (stage == Stage.FetchOffline)
            {
                log.Info($"{e.Message}: signalling that the network is needed ({options.NeedNetFile})");
                HostFiles.Touch(options.NeedNetFile);
            }
            catch (StageFailedException e)
            {
                ReportStatus(stage, fetcher, e.Message);
                throw;
            }
            ReportStatus(stage, fetcher, null);
            log.Info($"{stage.Name()} passed");
        }
        StateFile.Save(options.StateFile, state);
    }

    /// <summary>Tells a platform that wants to know how the stage ended (Ignition's Status hook); its own failure is only logged.</summary>
    private void ReportStatus(Stage stage, ResourceFetcher fetcher, string? failure)
    {
        IPlatformProvider platform;
        try
        {
            platform = PlatformRegistry.Get(options.Platform);
        }
        catch (StageFailedException)
        {
            return; // An unknown platform: the fetch stages say so.
        }
        if (platform is not IStatusReporter reporter)
        {
            return;
        }
        try
        {
            reporter.ReportStatus(stage.Name(), new ProviderContext(fetcher, log, Environment) { Tools = Tools }, failure);
        }
        catch (Exception e) when (e is StageFailedException or NeedNetworkException)
        {
            log.Error($"POST Status error: {e.Message}");
        }
    }

    private void RunFiles(Configuration config, ResourceFetcher fetcher, EngineState state, IReadOnlyList<NodeEntry>? nodes) =>
        InRoot(fs => new FilesStage(new FilesContext(fs, log, new ToolRunner(log), Tools, fetcher, state)).Run(config, firstBoot: true, nodes));

    private void RunMounts(Stage stage, Configuration config, EngineState state) => InRoot(fs =>
    {
        var mounts = new MountStage(fs, new ToolRunner(log), Tools, log, state);
        if (stage == Stage.Mount)
        {
            mounts.Mount(config.Storage.Filesystems);
        }
        else
        {
            mounts.Umount(config.Storage.Filesystems);
        }
    });

    /// <summary>Runs a stage against -root through the rooted file system; its refusals fail the stage with their one line.</summary>
    private void InRoot(Action<RootedFileSystem> run)
    {
        try
        {
            using var fs = new RootedFileSystem(options.Root);
            run(fs);
        }
        catch (FileSystemOperationException e)
        {
            throw new StageFailedException(e.Message);
        }
    }

    private void RunStage(Stage stage, Configuration config, ResourceFetcher fetcher, EngineState state)
    {
        switch (stage)
        {
            case Stage.FetchOffline:
                if (RemoteResources.First(config) is { } remote)
                {
                    throw new NeedNetworkException(remote);
                }
                break;
            case Stage.Fetch:
                log.Info("fetch complete");
                break;
            case Stage.Files:
                RunFiles(config, fetcher, state, nodes: null);
                break;
            case Stage.Disks:
                new DisksStage(new DisksContext(new ToolRunner(log), Tools, log, fetcher, state)).Run(config.Storage);
                break;
            case Stage.Kargs:
                KargsStage.Run(config.KernelArguments, new ToolRunner(log), Tools, log);
                break;
            case Stage.Mount or Stage.Umount:
                RunMounts(stage, config, state);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(stage), stage, "unknown stage");
        }
    }
}
