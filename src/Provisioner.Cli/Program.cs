using System.Text;
using Provisioner.Cli;

var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
using var stdout = new StreamWriter(Console.OpenStandardOutput(), utf8, 64 * 1024) { AutoFlush = false };
using var stderr = new StreamWriter(Console.OpenStandardError(), utf8) { AutoFlush = true };
using var stdin = Console.OpenStandardInput();
var exitCode = ProvisionerCli.Run(args, new Terminal(stdin, stdout, stderr));
stdout.Flush();
return exitCode;
