using System.Globalization;
using Provisioner.Engine;
using Provisioner.Engine.Logging;
using Provisioner.Engine.Offline;
using Provisioner.Engine.Stages.Disks;

namespace Provisioner.Cli.Commands;

/// <summary>
/// <c>provisioner plan CONFIG [--root DIR]</c>: the ordered operations the stages would perform, touching
/// nothing. Against --root the plan sees that tree (existing users, symlinks that redirect paths);
/// without it, an empty tree.
/// </summary>
internal static class PlanCommand
{
    public static int Run(string[] args, Terminal terminal)
    {
        if (args.Any(a => a is "-h" or "--help" or "-help"))
        {
            terminal.Out.Write(HelpText.Plan);
            return ProvisionerCli.Success;
        }
        var options = TreeCommandLine.Parse("plan", args, terminal.Error);
        if (options is null)
        {
            return ProvisionerCli.UsageError;
        }
        var config = options.Load(terminal, new Log(new StreamLogSink(terminal.Error)));
        if (config is null)
        {
            return ProvisionerCli.Failure;
        }

        var empty = options.Root is null ? Directory.CreateTempSubdirectory("provisioner-plan-") : null;
        List<TreeApplier.PlannedStep> steps;
        try
        {
            steps = TreeApplier.Plan(config, options.Root ?? empty!.FullName);
        }
        catch (StageFailedException e)
        {
            terminal.Error.WriteLine($"provisioner plan: {e.Message}");
            return ProvisionerCli.Failure;
        }
        finally
        {
            empty?.Delete(recursive: true);
        }

        var number = 0;
        if (config.KernelArguments.ShouldExist.Count + config.KernelArguments.ShouldNotExist.Count > 0)
        {
            terminal.Out.WriteLine($"{(++number).ToString(CultureInfo.InvariantCulture),3}. [kargs] change the kernel command line (kernelArguments) at first boot");
        }
        // The disks and mount stages come before files at first boot; apply on a tree leaves them out.
        foreach (var operation in DiskIntent.Describe(config.Storage))
        {
            terminal.Out.WriteLine($"{(++number).ToString(CultureInfo.InvariantCulture),3}. [{operation.Phase}] {operation.Description}  ({operation.Source})");
        }
        foreach (var step in steps)
        {
            var source = step.Source is null ? "" : $"  ({step.Source})";
            terminal.Out.WriteLine($"{(++number).ToString(CultureInfo.InvariantCulture),3}. [{step.Phase}] {step.Description}{source}");
        }
        if (number == 0)
        {
            terminal.Out.WriteLine("nothing to do: the config asks for nothing");
        }
        return ProvisionerCli.Success;
    }
}
