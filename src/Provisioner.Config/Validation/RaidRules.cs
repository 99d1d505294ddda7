using Provisioner.Config.Model;
using Provisioner.Config.Reporting;

namespace Provisioner.Config.Validation;

/// <summary>A software RAID array.</summary>
internal static class RaidRules
{
    public static void Validate(Raid raid, JsonPath path, RuleContext ctx)
    {
        ctx.Error(path, "level", Level(raid, ctx));
        var devices = path.Append("devices");
        if (raid.Devices.Count == 0)
        {
            ctx.Error(devices, Messages.RaidDevicesRequired);
        }
        for (var i = 0; i < raid.Devices.Count; i++)
        {
            ctx.Error(devices, i, CommonRules.Path(raid.Devices[i]));
        }
    }

    private static string? Level(Raid raid, RuleContext ctx)
    {
        if (ctx.RequiresRaidLevelAndLinkTarget && string.IsNullOrEmpty(raid.Level))
        {
            return Messages.RaidLevelRequired;
        }
        return (raid.Level ?? "") switch
        {
            "linear" or "raid0" or "0" or "stripe" => raid.Spares is not null and not 0 ? Messages.SparesUnsupportedForLevel : null,
            "raid1" or "1" or "mirror" or "raid4" or "4" or "raid5" or "5" or "raid6" or "6" or "raid10" or "10" => null,
            _ => Messages.UnrecognizedRaidLevel,
        };
    }
}
