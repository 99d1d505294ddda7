using System.Reflection;
using Provisioner.Config.Versions;

namespace Provisioner.Cli;

/// <summary>The help pages, written for people.</summary>
internal static class HelpText
{
    public static string ProductVersion { get; } =
        typeof(HelpText).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static string SpecRange { get; } =
        $"{SpecVersion.V3_0} to {SpecVersion.NewestStable}, and {SpecVersion.V3_7Experimental}";

    public static string Main { get; } = $"""
        Provisioner: first-boot provisioning of container Linux from Ignition configs.

        Usage:
          provisioner validate [--format text|json] [--pretty] FILE|-
          provisioner -platform=P -stage=S [-root=DIR] [-config-cache=FILE] [-state-file=FILE]
                      [-neednet=FILE] [-fetch-timeout=DURATION] [-log-to-stdout]
          provisioner --version
          provisioner --help [COMMAND]

        Commands:
          validate    check a config against the schema and rules of its spec version
          -stage=S    run one first-boot stage as the ignition binary does (one or two dashes,
                      -flag value or -flag=value); stages: fetch-offline, fetch, kargs, disks,
                      mount, files, umount. Not built yet: every stage says so and fails.

        Accepted config versions: {SpecRange}.

        """;

    public static string Validate { get; } = """
        Usage: provisioner validate [--format text|json] [--pretty] FILE|-

        Checks an Ignition config (FILE, or standard input for -) against the schema and the
        rules of the spec version it declares, and prints one line per finding in
        ignition-validate's format:

          error at $.storage.files.2.mode, line 14 col 17: illegal file mode

        Options:
          --format text   one finding per line (default)
          --format json   the whole report as one JSON object, for tools and editors
          --pretty        show the offending lines of the config under each finding

        Exit status: 0 when the config has no errors (warnings are printed), 1 when it has
        errors or cannot be read, 2 when the command line is wrong.

        """;
}
