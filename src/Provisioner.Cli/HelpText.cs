using Provisioner.Config.Versions;

namespace Provisioner.Cli;

/// <summary>The help pages, written for people.</summary>
internal static class HelpText
{
    public static string SpecRange { get; } =
        $"{SpecVersion.V3_0} to {SpecVersion.NewestStable}, and {SpecVersion.V3_7Experimental}";

    public static string Main { get; } = $"""
        Provisioner: first-boot provisioning of container Linux from Ignition configs.

        Usage:
          provisioner validate [--format text|json] [--pretty] FILE|-
          provisioner plan FILE|- [--root DIR]
          provisioner apply FILE|- --root DIR [--ignore-unsupported]
          provisioner -platform=P -stage=S [-root=DIR] [-config-cache=FILE] [-state-file=FILE]
                      [-neednet=FILE] [-fetch-timeout=DURATION] [-log-to-stdout]
          provisioner --version
          provisioner --help [COMMAND]

        Commands:
          validate    check a config against the schema and rules of its spec version
          plan        list the operations the stages would perform, touching nothing
          apply       apply a config's users, files, directories, links and units to a
                      directory tree (building an image)
          -stage=S    run one first-boot stage as the ignition binary does (one or two dashes,
                      -flag value or -flag=value); stages: fetch-offline, fetch, kargs, disks,
                      mount, files, umount. Built: fetch-offline and fetch (http, https,
                      tftp and data URLs; file, metal and qemu platforms; user.ign, base
                      configs), kargs (through ignition-kargs-helper), disks (partitions,
                      RAID, LUKS, filesystems), mount, files, umount.

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

    public static string Apply { get; } = """
        Usage: provisioner apply FILE|- --root DIR [--ignore-unsupported]

        Applies an Ignition config to the directory tree DIR as the files stage does at first
        boot: groups and users (useradd and friends with --root), SSH keys, files,
        directories, links, systemd units and presets. Every path stays inside DIR, whatever
        symlinks the tree holds. Referenced configs must be data: URLs (apply works offline).
        No result file is written and nothing is relabelled: the tree is not a booted machine.

        Options:
          --root DIR             the tree to write (required)
          --ignore-unsupported   skip disks, RAID, LUKS, filesystems and kernel arguments
                                 (which need a real machine) instead of refusing the config

        Prints each operation as it runs. Exit status: 0 done, 1 failed (the message names the
        config entry), 2 when the command line is wrong.

        """;

    public static string Plan { get; } = """
        Usage: provisioner plan FILE|- [--root DIR]

        Prints, in order, the operations the stages would perform for an Ignition config,
        each with the config entry it comes from, and touches nothing. The disks and mount
        stages come first, read from the config alone, with what they may DESTROY in capitals.
        The files stage is planned against --root (its users, and symlinks that redirect
        paths) or, without it, an empty tree.

        Exit status: 0 printed, 1 when the config cannot be used, 2 when the command line is wrong.

        """;
}
