using Provisioner.Config;
using Provisioner.Config.Model;
using Provisioner.Engine.Logging;
using Provisioner.Engine.Providers;
using Provisioner.Engine.Resources;
using Provisioner.Engine.State;

namespace Provisioner.Engine.Fetching;

/// <summary>
/// What fetch-offline and fetch do: find the user's config (the kernel command line's
/// <c>ignition.config.url</c>, else the system's user.ign, else the platform), render its references,
/// check the result and write it to the config cache for the later stages.
/// </summary>
public sealed class ConfigAcquirer(IPlatformProvider platform, ProviderContext context, EngineState state)
{
    private const string UrlParameter = "ignition.config.url";
    private const string DeviceParameter = "ignition.config.device";
    private const string PathParameter = "ignition.config.path";

    public Configuration Acquire(string cachePath)
    {
        var log = context.Log;
        var (data, source) = FetchUserConfig();
        Configuration config;
        if (data.Length == 0)
        {
            log.Info($"{source} provided no config: going on with an empty one");
            config = ConfigLoader.Empty();
        }
        else
        {
            config = ConfigLoader.Parse(data, source, log);
            state.FetchedConfigs.Add(new FetchedConfig(FetchedConfig.UserKind, source, Referenced: false));
            log.Structured(LogLevel.Info, $"fetched user config from \"{source}\"",
            [
                new("IGNITION_CONFIG_TYPE", FetchedConfig.UserKind),
                new("IGNITION_CONFIG_SRC", source),
                new("IGNITION_CONFIG_REFERENCED", "false"),
                new("MESSAGE_ID", "57124006b5c94805b77ce473e92a8aeb"),
            ]);
            config = new ConfigRenderer(context.Fetcher, state, log).RenderChecked(config, source);
        }
        HostFiles.WriteAtomically(cachePath, ConfigSerializer.Serialize(config),
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead,
            parentMode: (UnixFileMode)0b111_101_101);
        return config;
    }

    private (byte[] Data, string Source) FetchUserConfig()
    {
        var cmdline = KernelCommandLine.Read(context.Environment);
        if (cmdline.Value(UrlParameter) is { Length: > 0 } url)
        {
            if (cmdline.Value(DeviceParameter) is not null || cmdline.Value(PathParameter) is not null)
            {
                context.Log.Warning($"{UrlParameter} is set: ignoring {DeviceParameter} and {PathParameter}");
            }
            var described = ConfigRenderer.Describe(url);
            return (context.Fetcher.Fetch(new Resource { Source = url }, $"the config at {UrlParameter} ({described})"), "cmdline");
        }
        var device = cmdline.Value(DeviceParameter);
        var path = cmdline.Value(PathParameter);
        if (device is not null || path is not null)
        {
            if (device is null || path is null)
            {
                throw new StageFailedException($"{DeviceParameter} and {PathParameter} must be provided together");
            }
            throw new StageFailedException($"{DeviceParameter} is not built yet in this version of provisioner");
        }
        var system = new SystemConfig(context.Environment);
        if (system.UserConfig() is { } user)
        {
            context.Log.Info($"using the system's user config {user.Path}");
            return (user.Data, "system");
        }
        return (platform.Fetch(context), platform.Name);
    }
}
