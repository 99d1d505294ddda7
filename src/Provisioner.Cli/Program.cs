using System.Text;
using Provisioner.Cli;

var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
using var stdout = new StreamWriter(Console.OpenStandardOutput(), utf8, 64 * 1024) { AutoFlush = false };
using var stderr = new StreamWriter(Console.OpenStandardError(), utf8) { AutoFlush = true };
using var stdin = Console.OpenStandardInput();
int exitCode;
try
{
    exitCode = ProvisionerCli.Run(args, new Terminal(stdin, stdout, stderr));
}
catch (Exception e) when (e is not OutOfMemoryException)
{
    // A bug of ours, not the user's input: one line, no stack trace, and a failing exit.
    stdout.Flush();
    stderr.WriteLine($"provisioner: internal error ({e.GetType().Name}); please report it together with the input");
    return ProvisionerCli.Failure;
}
stdout.Flush();
return exitCode;
