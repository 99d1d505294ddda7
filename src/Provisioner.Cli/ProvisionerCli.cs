using Provisioner.Engine;
using Provisioner.Cli.Commands;

namespace Provisioner.Cli;

/// <summary>Dispatches a command line to its command. Every command returns its exit code.</summary>
internal static class ProvisionerCli
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    public static int Run(string[] args, Terminal terminal)
    {
        if (args.Length == 0)
        {
            terminal.Error.Write(HelpText.Main);
            return UsageError;
        }
        return args[0] switch
        {
            "-h" or "--help" or "-help" or "help" => Help(terminal, args.Length > 1 ? args[1] : null),
            "-version" or "--version" => Version(terminal),
            "validate" => ValidateCommand.Run(args[1..], terminal),
            "apply" => ApplyCommand.Run(args[1..], terminal),
            "plan" => PlanCommand.Run(args[1..], terminal),
            var first when IgnitionCommandLine.IsIgnitionFlag(first) => IgnitionCommand.Run(args, terminal),
            _ => Unknown(terminal, args[0]),
        };
    }

    private static int Help(Terminal terminal, string? command)
    {
        terminal.Out.Write(command switch
        {
            "validate" => HelpText.Validate,
            "apply" => HelpText.Apply,
            "plan" => HelpText.Plan,
            _ => HelpText.Main,
        });
        return Success;
    }

    private static int Version(Terminal terminal)
    {
        terminal.Out.WriteLine($"Provisioner {ProductInfo.Version} (Ignition config spec {HelpText.SpecRange})");
        return Success;
    }

    private static int Unknown(Terminal terminal, string command)
    {
        terminal.Error.WriteLine($"provisioner: unknown command \"{command}\"; run 'provisioner --help' for the commands");
        return UsageError;
    }
}
