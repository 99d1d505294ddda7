using System.Text;

namespace Provisioner.Cli.Tests;

/// <summary>Runs the command line in-process with captured streams.</summary>
internal static class CliRun
{
    public static (int Exit, string Out, string Err) Run(string stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = ProvisionerCli.Run(args, new Terminal(new MemoryStream(Encoding.UTF8.GetBytes(stdin)), output, error));
        return (exit, output.ToString(), error.ToString());
    }
}
