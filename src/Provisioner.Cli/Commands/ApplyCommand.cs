using Provisioner.Engine;
using Provisioner.Engine.Logging;
using Provisioner.Engine.Offline;
using Provisioner.Engine.Stages;

namespace Provisioner.Cli.Commands;

/// <summary>
/// <c>provisioner apply CONFIG --root DIR</c>: the files stage on a directory tree, for building images.
/// Disks and kernel arguments need a real machine: a config with them is refused unless
/// <c>--ignore-unsupported</c>, which skips those sections with a warning.
/// </summary>
internal static class ApplyCommand
{
    public static int Run(string[] args, Terminal terminal)
    {
        if (args.Any(a => a is "-h" or "--help" or "-help"))
        {
            terminal.Out.Write(HelpText.Apply);
            return ProvisionerCli.Success;
        }
        var options = TreeCommandLine.Parse("apply", args, terminal.Error);
        if (options is null)
        {
            return ProvisionerCli.UsageError;
        }
        if (options.Root is null)
        {
            terminal.Error.WriteLine("provisioner apply: --root DIR is required (apply never writes to this machine's own / by default)");
            return ProvisionerCli.UsageError;
        }
        var log = new Log(new LevelFilterSink(new StreamLogSink(terminal.Out), LogLevel.Info));
        var config = options.Load(terminal, log);
        if (config is null)
        {
            return ProvisionerCli.Failure;
        }
        var unsupported = MachineSections.Names(config);
        if (unsupported.Count > 0)
        {
            var list = string.Join(", ", unsupported);
            if (!options.IgnoreUnsupported)
            {
                terminal.Error.WriteLine($"provisioner apply: the config has {list}, which need a real machine (the disks and kargs stages); --ignore-unsupported skips them");
                return ProvisionerCli.Failure;
            }
            log.Warning($"skipping {list}: they need a real machine");
        }
        try
        {
            TreeApplier.Apply(config, options.Root, log);
        }
        catch (StageFailedException e)
        {
            terminal.Error.WriteLine($"provisioner apply: {e.Message}");
            return ProvisionerCli.Failure;
        }
        log.Info($"applied to {options.Root}");
        return ProvisionerCli.Success;
    }
}
