using System.Globalization;
using Provisioner.Config.Model;

namespace Provisioner.Engine.Stages.Disks;

/// <summary>
/// storage.raid as Ignition builds it: the members are waited for, the array is created with
/// <c>mdadm --create NAME --force --run --homehost any</c> (whatever the members held before; Ignition has no
/// reuse rule for arrays), and its node /dev/md/NAME is waited for before LUKS and filesystems use it.
/// </summary>
public static class RaidSteps
{
    public static List<StageStep> Plan(IReadOnlyList<Raid> arrays, DisksContext ctx)
    {
        var steps = new List<StageStep>();
        for (var i = 0; i < arrays.Count; i++)
        {
            var array = arrays[i];
            steps.Add(new StageStep(Describe(array), $"$.storage.raid.{i}", () => Apply(array, ctx)));
        }
        return steps;
    }

    /// <summary>"create RAID1 array md-data from /dev/vdb1 /dev/vdc1 (1 spare)".</summary>
    public static string Describe(Raid array)
    {
        var level = array.Level ?? "";
        var shown = level.StartsWith("raid", StringComparison.Ordinal) ? "RAID" + level[4..] : level;
        var spares = array.Spares.GetValueOrDefault() switch
        {
            0 => "",
            1 => " (the last one a spare)",
            var n => string.Format(CultureInfo.InvariantCulture, " (the last {0} spares)", n),
        };
        return $"create {shown} array {array.Name} from {string.Join(' ', array.Devices)}{spares}";
    }

    /// <summary>Where the array's node appears: /dev/md/NAME, or the name itself when it is a /dev path.</summary>
    public static string DevicePath(Raid array) =>
        array.Name.StartsWith("/dev", StringComparison.Ordinal) ? array.Name : "/dev/md/" + array.Name;

    /// <summary>mdadm's arguments, in Ignition's order: its flags, then the config's options, then the members.</summary>
    public static List<string> MdadmArguments(Raid array, IReadOnlyList<string> members)
    {
        var spares = array.Spares.GetValueOrDefault();
        var args = new List<string>
        {
            "--create", array.Name,
            "--force",
            "--run",
            "--homehost", "any",
            "--level", array.Level ?? "",
            "--raid-devices", (array.Devices.Count - spares).ToString(CultureInfo.InvariantCulture),
        };
        if (spares > 0)
        {
            args.AddRange(["--spare-devices", spares.ToString(CultureInfo.InvariantCulture)]);
        }
        args.AddRange(array.Options);
        args.AddRange(members);
        return args;
    }

    private static void Apply(Raid array, DisksContext ctx)
    {
        var members = array.Devices.Select(d => ctx.Devices.WaitFor(d, $"member of RAID array {array.Name}")).ToList();
        ctx.Runner.Run(ctx.Tools.Mdadm, MdadmArguments(array, members));
        // A new node: no udev race to settle, only its appearance to wait for.
        var node = ctx.Devices.WaitFor(DevicePath(array), $"RAID array {array.Name}");
        ctx.Log.Info($"RAID array {array.Name} is {node}");
    }
}
