using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Provisioner.Engine.Logging;

namespace Provisioner.Engine.Tools;

/// <summary>
/// Runs a program from an argv array (never through a shell), captures its output and logs the command
/// line, with every secret argument (a password hash) replaced by <c>&lt;redacted&gt;</c>, in the log and in errors.
/// </summary>
public sealed class ToolRunner(Log log)
{
    private const string Redacted = "<redacted>";

    /// <summary>Runs the program; a non-zero exit is a <see cref="ToolFailedException"/>.</summary>
    public ToolResult Run(string program, IReadOnlyList<string> args, IReadOnlyCollection<string>? secrets = null, byte[]? input = null)
    {
        var result = Try(program, args, secrets, input);
        if (!result.Succeeded)
        {
            throw new ToolFailedException(
                $"{Command(program, args, secrets)} exited with status {result.ExitCode.ToString(CultureInfo.InvariantCulture)}: {Describe(result, secrets)}");
        }
        return result;
    }

    /// <summary>Runs the program and returns how it ended, whatever its status; only a program that cannot start is an exception.</summary>
    public ToolResult Try(string program, IReadOnlyList<string> args, IReadOnlyCollection<string>? secrets = null, byte[]? input = null)
    {
        log.Debug($"executing: {Command(program, args, secrets)}");
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ToolFailedException($"{program} could not be started");
        }
        catch (Win32Exception e)
        {
            throw new ToolFailedException($"{program} could not be started: {ErrnoMessage(e)}");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (input is not null)
            {
                try
                {
                    process.StandardInput.BaseStream.Write(input);
                    process.StandardInput.Close();
                }
                catch (IOException)
                {
                    // The program exited without reading all of its input; its status says why.
                }
            }
            process.WaitForExit();
            return new ToolResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
        }
    }

    /// <summary>The command as Ignition logs it: every word quoted.</summary>
    private static string Command(string program, IReadOnlyList<string> args, IReadOnlyCollection<string>? secrets)
    {
        var text = new StringBuilder().Append('"').Append(program).Append('"');
        foreach (var arg in args)
        {
            text.Append(" \"").Append(secrets?.Contains(arg) == true ? Redacted : arg).Append('"');
        }
        return text.ToString();
    }

    private static string Describe(ToolResult result, IReadOnlyCollection<string>? secrets)
    {
        var text = result.Stderr.Trim();
        if (text.Length == 0)
        {
            text = result.Stdout.Trim();
        }
        if (secrets is not null)
        {
            foreach (var secret in secrets.Where(s => s.Length > 0))
            {
                text = text.Replace(secret, Redacted, StringComparison.Ordinal);
            }
        }
        return text.Length == 0 ? "it printed nothing" : text;
    }

    // UseSystemResourceKeys strips framework messages from the binary; the errno is what says why.
    private static string ErrnoMessage(Win32Exception e) => e.NativeErrorCode switch
    {
        2 => "not found",
        13 => "permission denied",
        _ => "error " + e.NativeErrorCode.ToString(CultureInfo.InvariantCulture),
    };
}
