using Provisioner.Config.Model;
using Provisioner.Engine.Machine;

namespace Provisioner.Engine.Stages.Files;

/// <summary>
/// systemd.units as Ignition writes them: drop-ins and units under /etc/systemd/system (0644, root),
/// masks as symlinks to /dev/null, and <c>enabled</c> as lines of the preset file
/// /etc/systemd/system-preset/20-ignition.preset, which systemd applies on the first boot. A unit to
/// disable is also disabled at once with <c>systemctl --root</c>, but only when it is enabled now.
/// </summary>
public static class UnitSteps
{
    public const string UnitDirectory = "/etc/systemd/system";
    public const string PresetPath = "/etc/systemd/system-preset/20-ignition.preset";
    private const int UnitMode = 0b110_100_100; // 0644

    public static List<FilesStep> Plan(Systemd systemd, FilesContext ctx)
    {
        var steps = new List<FilesStep>();
        var presets = new SortedDictionary<string, Preset>(StringComparer.Ordinal);
        for (var i = 0; i < systemd.Units.Count; i++)
        {
            var unit = systemd.Units[i];
            var source = $"$.systemd.units.{i}";
            for (var j = 0; j < unit.Dropins.Count; j++)
            {
                var dropin = unit.Dropins[j];
                if (dropin.Contents is { } dropinContents)
                {
                    var path = $"{UnitDirectory}/{unit.Name}.d/{dropin.Name}";
                    steps.Add(new FilesStep($"write drop-in {dropin.Name} of unit {unit.Name} at {path}", $"{source}.dropins.{j}",
                        () => WriteUnitFile(path, dropinContents, markDirectory: true, ctx)));
                }
            }
            if (!string.IsNullOrEmpty(unit.Contents))
            {
                var path = $"{UnitDirectory}/{unit.Name}";
                var contents = unit.Contents;
                steps.Add(new FilesStep($"write unit {unit.Name} at {path}", source, () => WriteUnitFile(path, contents, markDirectory: false, ctx)));
            }
            if (unit.Enabled is { } enabled)
            {
                AddPreset(presets, unit.Name, enabled);
            }
            if (unit.Mask == true)
            {
                steps.Add(new FilesStep($"mask unit {unit.Name}", source, () => Mask(unit.Name, ctx)));
            }
            else if (unit.Mask == false)
            {
                steps.Add(new FilesStep($"unmask unit {unit.Name} if it is masked", source, () => Unmask(unit.Name, ctx)));
            }
        }
        foreach (var preset in presets.Values)
        {
            steps.Add(preset.Enabled
                ? new FilesStep($"set preset to enabled for {preset.Line}", null, () => AppendPreset("enable " + preset.Line, ctx))
                : new FilesStep($"set preset to disabled for {preset.Line}", null, () => Disable(preset.Line, ctx)));
        }
        return steps;
    }

    /// <summary>One preset line: a unit, or a template with its instances in config order.</summary>
    private sealed class Preset(string unit, bool enabled, bool template)
    {
        public bool Enabled { get; } = enabled;
        public List<string> Instances { get; } = [];
        public string Line => template ? unit + " " + string.Join(' ', Instances) : unit;
    }

    private static void AddPreset(SortedDictionary<string, Preset> presets, string name, bool enabled)
    {
        var state = enabled ? "enabled" : "disabled";
        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
        {
            presets[$"{name}-{state}"] = new Preset(name, enabled, template: false);
            return;
        }
        var dot = name.LastIndexOf('.');
        if (dot < at)
        {
            throw new StageFailedException($"unit {name}: an instantiated unit needs a type suffix such as .service");
        }
        var template = name[..(at + 1)] + name[dot..];
        var key = $"{template}-{state}";
        if (!presets.TryGetValue(key, out var preset))
        {
            presets[key] = preset = new Preset(template, enabled, template: true);
        }
        preset.Instances.Add(name[(at + 1)..dot]);
    }

    private static void WriteUnitFile(string path, string contents, bool markDirectory, FilesContext ctx)
    {
        ctx.Fs.EnsureParentDirectories(path);
        ctx.Fs.WriteFile(path, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(contents), writable: false), UnitMode, 0, 0);
        ctx.Relabeler.Mark(markDirectory ? path[..path.LastIndexOf('/')] : path);
    }

    private static void Mask(string name, FilesContext ctx)
    {
        var path = $"{UnitDirectory}/{name}";
        ctx.Fs.EnsureParentDirectories(path);
        ctx.Fs.Remove(path, recursive: true);
        ctx.Fs.CreateSymlink(path, "/dev/null", 0, 0);
        ctx.Relabeler.Mark(path);
    }

    private static void Unmask(string name, FilesContext ctx)
    {
        var path = $"{UnitDirectory}/{name}";
        if (ctx.Fs.Lstat(path) is { Type: NodeType.Symlink, LinkTarget: "/dev/null" })
        {
            ctx.Fs.Remove(path, recursive: false);
        }
    }

    private static void Disable(string units, FilesContext ctx)
    {
        // One argument, as Ignition passes it: a template line ("a@.service x y") is then never found enabled.
        if (!ctx.Runner.Try(ctx.Tools.Systemctl, ["--root", ctx.HostRoot, "is-enabled", units]).Succeeded)
        {
            ctx.Log.Info($"{units} is not enabled: no preset line needed");
            return;
        }
        ctx.Runner.Run(ctx.Tools.Systemctl, ["--root", ctx.HostRoot, "disable", units]);
        AppendPreset("disable " + units, ctx);
    }

    private static void AppendPreset(string line, FilesContext ctx)
    {
        ctx.Relabeler.MarkFirstMissing(ctx.Fs, PresetPath);
        ctx.Fs.EnsureParentDirectories(PresetPath);
        ctx.Fs.AppendFile(PresetPath, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(line + "\n"), writable: false));
    }
}
