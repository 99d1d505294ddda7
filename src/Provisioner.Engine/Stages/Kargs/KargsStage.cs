using Provisioner.Config.Model;
using Provisioner.Engine.Logging;
using Provisioner.Engine.Tools;

namespace Provisioner.Engine.Stages.Kargs;

/// <summary>
/// The kargs stage, as Ignition runs it: the distribution's helper gets every kernel argument that should
/// exist, then every one that should not (<c>--should-exist A … --should-not-exist B …</c>), and does the
/// rest: edit the boot loader's command line, and reboot when it changed. Nothing asked, nothing run.
/// </summary>
public static class KargsStage
{
    public static void Run(KernelArguments kargs, ToolRunner runner, ToolPaths tools, Log log)
    {
        if (kargs.ShouldExist.Count + kargs.ShouldNotExist.Count == 0)
        {
            log.Info("no kernel arguments in the config: nothing to do");
            return;
        }
        var step = new StageStep(Describe(kargs), "$.kernelArguments", () => runner.Run(tools.KargsHelper, Arguments(kargs)));
        StageSteps.Execute(step, log);
    }

    public static List<string> Arguments(KernelArguments kargs) =>
    [
        .. kargs.ShouldExist.SelectMany(a => new[] { "--should-exist", a }),
        .. kargs.ShouldNotExist.SelectMany(a => new[] { "--should-not-exist", a }),
    ];

    private static string Describe(KernelArguments kargs)
    {
        var parts = new List<string>();
        if (kargs.ShouldExist.Count > 0)
        {
            parts.Add("ensure " + string.Join(" ", kargs.ShouldExist));
        }
        if (kargs.ShouldNotExist.Count > 0)
        {
            parts.Add("remove " + string.Join(" ", kargs.ShouldNotExist));
        }
        return "update the kernel arguments: " + string.Join("; ", parts);
    }
}
