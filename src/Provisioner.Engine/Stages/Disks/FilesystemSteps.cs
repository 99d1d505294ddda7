using System.Globalization;
using Provisioner.Config.Model;
using Provisioner.Engine.Machine;

namespace Provisioner.Engine.Stages.Disks;

/// <summary>
/// storage.filesystems, with Ignition's rule for what is already there: a filesystem whose type (and label
/// and UUID, where the config gives them) matches is kept, data and all, unless <c>wipeFilesystem</c> is
/// true; any other signature without <c>wipeFilesystem</c> is an error, and the device is left untouched.
/// Otherwise the device is wiped and the filesystem made. Entries without a format are not touched.
/// </summary>
public static class FilesystemSteps
{
    public static List<StageStep> Plan(IReadOnlyList<Filesystem> filesystems, DisksContext ctx)
    {
        var steps = new List<StageStep>();
        for (var i = 0; i < filesystems.Count; i++)
        {
            var fs = filesystems[i];
            if (string.IsNullOrEmpty(fs.Format))
            {
                continue;
            }
            var source = $"$.storage.filesystems.{i}";
            steps.Add(new StageStep(Describe(fs), source, () => Apply(fs, ctx)));
        }
        return steps;
    }

    private static string Describe(Filesystem fs) =>
        fs.WipeFilesystem == true
            ? $"make {fs.Format} on {fs.Device} (wiping what is there)"
            : $"make {fs.Format} on {fs.Device} unless a matching one is there";

    private static void Apply(Filesystem fs, DisksContext ctx)
    {
        var format = fs.Format!;
        var device = ctx.Devices.WaitFor(fs.Device, $"filesystem {format}");
        if (fs.WipeFilesystem != true)
        {
            var found = ctx.Devices.Probe(device);
            if (found.Count == 0)
            {
                ctx.Log.Info($"{fs.Device} is blank");
            }
            else if (Matches(fs, found, out var why))
            {
                ctx.Log.Info($"keeping the existing {Found(found)} on {fs.Device}: it matches the config");
                return;
            }
            else
            {
                throw new StageFailedException(
                    $"{fs.Device} holds {Found(found)}, not what the config asks ({why}), and wipeFilesystem is false: nothing was changed");
            }
        }
        ctx.Runner.Run(ctx.Tools.Wipefs, ["-a", device]);
        if (format == "none")
        {
            return;
        }
        var (program, args) = Mkfs(format, fs, ctx.Tools);
        ctx.Runner.Run(program, [.. fs.Options, .. args, device]);
        ctx.Devices.Settle(device);
    }

    /// <summary>Whether the signatures found are the filesystem the config describes; if not, why not.</summary>
    public static bool Matches(Filesystem fs, IReadOnlyDictionary<string, string> found, out string why)
    {
        var type = found.GetValueOrDefault("TYPE", "");
        var expected = fs.Format == "none" ? "" : fs.Format!;
        if (found.ContainsKey(BlockDevices.Ambivalent))
        {
            why = "it carries more than one signature";
            return false;
        }
        if (type != expected)
        {
            why = $"the type is {(type.Length == 0 ? "unknown" : type)}, the config says {fs.Format}";
            return false;
        }
        if (fs.Label is { } label && found.GetValueOrDefault("LABEL", "") != label)
        {
            why = $"the label is \"{found.GetValueOrDefault("LABEL", "")}\", the config says \"{label}\"";
            return false;
        }
        if (fs.Uuid is { } uuid && Canonical(found.GetValueOrDefault("UUID", ""), type) != Canonical(uuid, type))
        {
            why = $"the UUID is {found.GetValueOrDefault("UUID", "")}, the config says {uuid}";
            return false;
        }
        why = "";
        return true;
    }

    /// <summary>UUIDs compared lower-case; a FAT volume ID ("ABCD-1234") without its dash, as Ignition does.</summary>
    private static string Canonical(string uuid, string type)
    {
        var lower = uuid.ToLowerInvariant();
        return type == "vfat" && lower.Length == 9 && lower[4] == '-' ? lower.Remove(4, 1) : lower;
    }

    private static string Found(IReadOnlyDictionary<string, string> found)
    {
        if (found.ContainsKey(BlockDevices.Ambivalent))
        {
            return "several signatures";
        }
        var what = found.GetValueOrDefault("TYPE") ?? (found.TryGetValue("PTTYPE", out var table) ? table + " partition table" : "an unknown signature");
        var label = found.TryGetValue("LABEL", out var l) ? $" labelled \"{l}\"" : "";
        var uuid = found.TryGetValue("UUID", out var u) ? $" UUID {u}" : "";
        return what + label + uuid;
    }

    /// <summary>The mkfs program and Ignition's flags for a format (the config's options go first, the device last).</summary>
    public static (string Program, List<string> Args) Mkfs(string format, Filesystem fs, Tools.ToolPaths tools)
    {
        var args = new List<string>();
        void Add(string? value, params string[] flag)
        {
            if (!string.IsNullOrEmpty(value))
            {
                args.AddRange(flag);
                args.Add(value);
            }
        }
        var uuid = fs.Uuid?.ToLowerInvariant();
        switch (format)
        {
            case "ext4":
                args.Add("-F");
                Add(uuid, "-U");
                Add(fs.Label, "-L");
                return (tools.MkfsExt4, args);
            case "xfs":
                args.Add("-f");
                if (!string.IsNullOrEmpty(uuid))
                {
                    args.AddRange(["-m", "uuid=" + uuid]);
                }
                Add(fs.Label, "-L");
                return (tools.MkfsXfs, args);
            case "btrfs":
                args.Add("--force");
                Add(uuid, "-U");
                Add(fs.Label, "-L");
                return (tools.MkfsBtrfs, args);
            case "vfat":
                Add(uuid?.Replace("-", "", StringComparison.Ordinal), "-i");
                Add(fs.Label, "-n");
                return (tools.MkfsFat, args);
            case "swap":
                args.Add("-f");
                Add(uuid, "-U");
                Add(fs.Label, "-L");
                return (tools.Mkswap, args);
            default:
                throw new StageFailedException(string.Format(CultureInfo.InvariantCulture, "filesystem format \"{0}\" is not supported", format));
        }
    }
}
