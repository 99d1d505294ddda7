using Provisioner.Cli.Output;
using Provisioner.Config;

namespace Provisioner.Cli.Commands;

/// <summary><c>provisioner validate [--format text|json] [--pretty] FILE|-</c>.</summary>
internal static class ValidateCommand
{
    private sealed record Options(string File, bool Json, bool Pretty);

    public static int Run(string[] args, Terminal terminal)
    {
        if (args.Any(a => a is "-h" or "--help" or "-help"))
        {
            terminal.Out.Write(HelpText.Validate);
            return ProvisionerCli.Success;
        }
        var options = ParseOptions(args, terminal.Error);
        if (options is null)
        {
            return ProvisionerCli.UsageError;
        }

        byte[] bytes;
        try
        {
            bytes = InputFile.Read(options.File, terminal.In);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            terminal.Error.WriteLine($"provisioner: cannot read {options.File}: {InputFile.Describe(e, options.File)}");
            return ProvisionerCli.Failure;
        }

        var result = ConfigParser.Parse(bytes);
        var name = options.File == "-" ? "<stdin>" : options.File;
        if (options.Json)
        {
            JsonReportWriter.Write(terminal.Out, name, result);
        }
        else if (options.Pretty)
        {
            PrettyReportWriter.Write(terminal.Out, name, bytes, result.Report);
        }
        else
        {
            var entries = result.Report.Entries;
            for (var i = 0; i < entries.Count; i++)
            {
                // ignition-validate trims the end of its output, so a last finding about an empty or
                // space-ending key loses its trailing spaces; keep its bytes exactly.
                var line = entries[i].ToString();
                terminal.Out.WriteLine(i == entries.Count - 1 ? line.TrimEnd() : line);
            }
        }
        return result.Report.HasErrors ? ProvisionerCli.Failure : ProvisionerCli.Success;
    }

    private static Options? ParseOptions(string[] args, TextWriter error)
    {
        string? file = null;
        var json = false;
        var pretty = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--pretty" or "-pretty":
                    pretty = true;
                    break;
                case "--format" or "-format" when i + 1 < args.Length:
                    json = ParseFormat(args[++i], error, out var ok);
                    if (!ok) return null;
                    break;
                case var _ when arg.StartsWith("--format=", StringComparison.Ordinal) || arg.StartsWith("-format=", StringComparison.Ordinal):
                    json = ParseFormat(arg[(arg.IndexOf('=', StringComparison.Ordinal) + 1)..], error, out var ok2);
                    if (!ok2) return null;
                    break;
                case var _ when arg.Length > 1 && arg[0] == '-':
                    error.WriteLine($"provisioner validate: unknown option {arg}; run 'provisioner validate --help'");
                    return null;
                default:
                    if (file is not null)
                    {
                        error.WriteLine($"provisioner validate: one config at a time (got {file} and {arg})");
                        return null;
                    }
                    file = arg;
                    break;
            }
        }
        if (file is null)
        {
            error.WriteLine("provisioner validate: which config? Give a FILE, or - for standard input");
            return null;
        }
        return new Options(file, json, pretty);
    }

    private static bool ParseFormat(string value, TextWriter error, out bool ok)
    {
        ok = value is "json" or "text";
        if (!ok)
        {
            error.WriteLine($"provisioner validate: unknown format \"{value}\"; use text or json");
        }
        return value == "json";
    }
}
