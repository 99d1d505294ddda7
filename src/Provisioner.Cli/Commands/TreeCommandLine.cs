namespace Provisioner.Cli.Commands;

/// <summary>The shared command line of <c>apply</c> and <c>plan</c>: one config (a path or -), <c>--root DIR</c>, and flags.</summary>
internal sealed record TreeCommandLine(string File, string? Root, bool IgnoreUnsupported)
{
    public static TreeCommandLine? Parse(string command, string[] args, TextWriter error)
    {
        string? file = null;
        string? root = null;
        var ignore = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg is "--root" or "-root")
            {
                if (++i >= args.Length)
                {
                    error.WriteLine($"provisioner {command}: --root needs a directory");
                    return null;
                }
                root = args[i];
            }
            else if (arg.StartsWith("--root=", StringComparison.Ordinal))
            {
                root = arg["--root=".Length..];
            }
            else if (arg == "--ignore-unsupported")
            {
                ignore = true;
            }
            else if (arg != "-" && arg.StartsWith('-'))
            {
                error.WriteLine($"provisioner {command}: unknown option {arg}; run 'provisioner {command} --help'");
                return null;
            }
            else if (file is null)
            {
                file = arg;
            }
            else
            {
                error.WriteLine($"provisioner {command}: one config only, got {file} and {arg}");
                return null;
            }
        }
        if (file is null)
        {
            error.WriteLine($"provisioner {command}: which config? give a file, or - for standard input");
            return null;
        }
        if (root is not null && !Directory.Exists(root))
        {
            error.WriteLine($"provisioner {command}: --root {root} is not a directory");
            return null;
        }
        return new TreeCommandLine(file, root, ignore);
    }

    /// <summary>Reads and renders the config; null (after printing why) when it cannot be used.</summary>
    public Provisioner.Config.Model.Configuration? Load(Terminal terminal, Engine.Logging.Log log)
    {
        byte[] bytes;
        try
        {
            bytes = InputFile.Read(File, terminal.In);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            terminal.Error.WriteLine($"provisioner: cannot read {File}: {InputFile.Describe(e, File)}");
            return null;
        }
        try
        {
            return Engine.Offline.OfflineConfig.Load(bytes, File == "-" ? "<stdin>" : File, log);
        }
        catch (Engine.StageFailedException e)
        {
            terminal.Error.WriteLine($"provisioner: {e.Message}");
            return null;
        }
    }
}
