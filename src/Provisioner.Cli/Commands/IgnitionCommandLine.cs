using Provisioner.Engine;

namespace Provisioner.Cli.Commands;

/// <summary>
/// The command line of the <c>ignition</c> binary, parsed into <see cref="EngineOptions"/> before
/// anything runs: Go's flag syntax, so <c>-stage files</c>, <c>--stage=files</c> and
/// <c>-log-to-stdout</c> all work as in Ignition's own units.
/// </summary>
internal static class IgnitionCommandLine
{
    private static readonly string[] ValueFlags = ["platform", "stage", "root", "config-cache", "state-file", "fetch-timeout", "neednet"];
    private static readonly string[] BoolFlags = ["log-to-stdout"];

    /// <summary>Recognises an argument that starts Ignition's command line.</summary>
    public static bool IsIgnitionFlag(string arg)
    {
        var name = arg.TrimStart('-').Split('=', 2)[0];
        return arg.StartsWith('-') && (ValueFlags.Contains(name) || BoolFlags.Contains(name));
    }

    /// <summary>The options, or the one line that says what is wrong with the command line.</summary>
    public static (EngineOptions? Options, string? Error) Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                if (i + 1 < args.Length)
                {
                    return (null, $"unexpected argument {args[i + 1]}: this command line takes flags only");
                }
                break;
            }
            if (!arg.StartsWith('-') || arg == "-")
            {
                return (null, $"unexpected argument {arg}: this command line takes flags only");
            }
            var parts = arg[(arg.StartsWith("--", StringComparison.Ordinal) ? 2 : 1)..].Split('=', 2);
            var name = parts[0];
            if (BoolFlags.Contains(name))
            {
                var value = parts.Length > 1 ? parts[1] : "true";
                if (value is not ("true" or "false" or "1" or "0" or "t" or "f" or "TRUE" or "FALSE" or "True" or "False"))
                {
                    return (null, $"invalid boolean value \"{value}\" for -{name}");
                }
                values[name] = value is "true" or "1" or "t" or "TRUE" or "True" ? "true" : "false";
            }
            else if (ValueFlags.Contains(name))
            {
                if (parts.Length > 1)
                {
                    values[name] = parts[1];
                }
                else if (i + 1 < args.Length)
                {
                    values[name] = args[++i];
                }
                else
                {
                    return (null, $"flag needs an argument: -{name}");
                }
            }
            else
            {
                return (null, $"flag provided but not defined: -{name}");
            }
        }
        return Build(values);
    }

    private static (EngineOptions?, string?) Build(Dictionary<string, string> values)
    {
        if (!values.TryGetValue("stage", out var stageName) || stageName.Length == 0)
        {
            return (null, $"'-stage' must be provided: one of {string.Join(", ", StageNames.All)}");
        }
        if (!StageNames.TryParse(stageName, out var stage))
        {
            return (null, $"invalid value \"{stageName}\" for -stage: one of {string.Join(", ", StageNames.All)}");
        }
        if (!values.TryGetValue("platform", out var platform) || platform.Length == 0)
        {
            return (null, "'-platform' must be provided (for example qemu, metal, aws, file)");
        }
        var options = new EngineOptions(platform, stage);
        if (values.TryGetValue("fetch-timeout", out var timeout))
        {
            if (GoDuration.TryParse(timeout) is not { } parsed)
            {
                return (null, $"invalid value \"{timeout}\" for -fetch-timeout: a duration such as 2m0s, 90s or 500ms");
            }
            options = options with { FetchTimeout = parsed };
        }
        return (options with
        {
            Root = values.GetValueOrDefault("root", options.Root),
            ConfigCache = values.GetValueOrDefault("config-cache", options.ConfigCache),
            StateFile = values.GetValueOrDefault("state-file", options.StateFile),
            NeedNetFile = values.GetValueOrDefault("neednet", options.NeedNetFile),
            LogToStdout = values.GetValueOrDefault("log-to-stdout") == "true",
        }, null);
    }
}
