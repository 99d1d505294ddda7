using Provisioner.Engine;

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
        if (StageRunner.Run(options) is { } failure)
        {
            terminal.Error.WriteLine($"provisioner: {options.Stage.Name()} failed: {failure}");
            return ProvisionerCli.Failure;
        }
        return ProvisionerCli.Success;
    }
}
