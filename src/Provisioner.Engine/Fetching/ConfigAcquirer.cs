using Provisioner.Config;
using Provisioner.Config.Model;
using Provisioner.Engine.Logging;
using Provisioner.Engine.Providers;
using Provisioner.Engine.Resources;
using Provisioner.Engine.State;

namespace Provisioner.Engine.Fetching;

/// <summary>
/// What fetch-offline and fetch do: find the user's config (the kernel command line's
/// <c>ignition.config.url</c>, else the system's user.ign, else the platform) within the fetch timeout,
/// render its references with its own HTTP settings, check the result and write it to the config cache
/// for the later stages, its certificate authorities inlined as data URLs.
/// </summary>
public sealed class ConfigAcquirer(IPlatformProvider platform, ProviderContext context, EngineState state)
{
    private const string UrlParameter = "ignition.config.url";
    private const string DeviceParameter = "ignition.config.device";
    private const string PathParameter = "ignition.config.path";

    /// <summary>Test only: where filesystem labels are looked up (/dev/disk/by-label).</summary>
    internal string LabelDirectory { get; init; } = ConfigDrive.LabelDirectory;

    /// <summary>How long <c>ignition.config.device</c> may take to appear: Ignition's 30 s; tests shorten it.</summary>
    internal TimeSpan DeviceTimeout { get; init; } = TimeSpan.FromSeconds(30);

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
            // The config's own timeouts, proxy and CAs apply to what it references (Ignition's fetchProviderConfig).
            context.Fetcher.Configure(config.Ignition);
            config = new ConfigRenderer(context.Fetcher, state, log).RenderChecked(config, source);
        }
        // The later stages read the CAs from the cache without a network, as Ignition's RewriteCAsWithDataUrls.
        context.Fetcher.Configure(config.Ignition);
        context.Fetcher.InlineCertificateAuthorities(config.Ignition);
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
            var described = ResourceSource.Describe(url);
            return (context.Fetcher.Fetch(new Resource { Source = url }, $"the config at {UrlParameter} ({described})"), "cmdline");
        }
        // As in Ignition, a parameter given without a value counts as not given.
        var device = cmdline.Value(DeviceParameter) is { Length: > 0 } label ? label : null;
        var path = cmdline.Value(PathParameter) is { Length: > 0 } file ? file : null;
        if (device is not null || path is not null)
        {
            if (device is null || path is null)
            {
                throw new StageFailedException($"{DeviceParameter} and {PathParameter} must be provided together");
            }
            return (FromDevice(device, path), "cmdline");
        }
        var system = new SystemConfig(context.Environment);
        if (system.UserConfig() is { } user)
        {
            context.Log.Info($"using the system's user config {user.Path}");
            return (user.Data, "system");
        }
        return (platform.Fetch(context), platform.Name);
    }

    /// <summary>
    /// <c>ignition.config.device=LABEL ignition.config.path=PATH</c>: the filesystem labelled LABEL, waited for
    /// up to 30 s, mounted read-only, PATH read from it (kept inside it); a missing file is an error.
    /// </summary>
    private byte[] FromDevice(string label, string path)
    {
        if (label != Path.GetFileName(label) || label is "." or "..")
        {
            throw new StageFailedException($"invalid device label \"{label}\" in {DeviceParameter}: it must be a filesystem label, not a path");
        }
        var device = Path.Join(LabelDirectory, label);
        var drive = new ConfigDrive(context);
        using (var deadline = new CancellationTokenSource(DeviceTimeout))
        {
            try
            {
                drive.WaitFor(device, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new StageFailedException($"device \"{label}\" ({device}, from {DeviceParameter}) did not appear within {DeviceTimeout.TotalSeconds:0} s");
            }
        }
        context.Log.Info($"reading the config {path} from device {device} ({DeviceParameter})");
        return drive.Read(device, root => ConfigDrive.ReadFile(root, path))
            ?? throw new StageFailedException($"config file \"{path}\" not found on device \"{label}\" ({PathParameter})");
    }
}
