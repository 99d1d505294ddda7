using Provisioner.Engine;
using Provisioner.Engine.Logging;

namespace Provisioner.Cli.Commands;

/// <summary><c>provisioner -platform=P -stage=S [...]</c>: one stage of a first boot, as <c>ignition</c> runs it.</summary>
internal static class IgnitionCommand
{
    public static int Run(string[] args, Terminal terminal)
    {
        var (options, error) = IgnitionCommandLine.Parse(args);
        if (options is null)
        {
            terminal.Error.WriteLine($"provisioner: {error}");
            return ProvisionerCli.UsageError;
        }
        var log = new Log(LogSinks.Choose(options.LogToStdout, terminal.Out, terminal.Error));
        log.Info($"Provisioner {ProductInfo.Version}");
        log.Info($"Stage: {options.Stage.Name()}");
        try
        {
            new StageRunner(options, log).Run();
        }
        catch (StageFailedException e)
        {
            log.Critical($"Ignition failed: {e.Message}");
            terminal.Error.WriteLine($"provisioner: {options.Stage.Name()} failed: {e.Message}");
            return ProvisionerCli.Failure;
        }
        log.Info("Ignition finished successfully");
        return ProvisionerCli.Success;
    }
}
