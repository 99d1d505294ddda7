using System.Globalization;
using Provisioner.Config.Model;
using Provisioner.Config.Reporting;

namespace Provisioner.Config.Validation;

/// <summary>systemd units and drop-ins.</summary>
internal static class SystemdRules
{
    public const string UnitDirectory = "/etc/systemd/system/";

    public static void Validate(Systemd systemd, JsonPath path, RuleContext ctx)
    {
        var units = path.Append("units");
        TemplateInstallSections(systemd, units, ctx);
        for (var i = 0; i < systemd.Units.Count; i++)
        {
            ValidateUnit(systemd.Units[i], units.Append(i), ctx);
        }
    }

    /// <summary>
    /// An enabled instance <c>x@i.service</c> of a template the config writes without an [Install]
    /// section (Ignition 2.15+). A template whose contents do not parse is left to its own error.
    /// </summary>
    private static void TemplateInstallSections(Systemd systemd, JsonPath units, RuleContext ctx)
    {
        Dictionary<string, Unit>? byName = null;
        for (var i = 0; i < systemd.Units.Count; i++)
        {
            var unit = systemd.Units[i];
            if (unit.Enabled != true || TemplateOf(unit.Name) is not { } template)
            {
                continue;
            }
            if (byName is null)
            {
                byName = new Dictionary<string, Unit>(StringComparer.Ordinal);
                foreach (var u in systemd.Units)
                {
                    byName[u.Name] = u; // the last unit of a name wins, as in Go's map
                }
            }
            if (!byName.TryGetValue(template, out var templateUnit) || !CommonRules.NotEmpty(templateUnit.Contents))
            {
                continue;
            }
            var parsed = UnitContents.Parse(templateUnit.Contents);
            if (parsed.Error is null && !parsed.HasInstallOption)
            {
                ctx.Warning(units.Append(i).Append("contents"), string.Format(CultureInfo.InvariantCulture,
                    Messages.NoInstallSectionForTemplate, GoText.Quote(template), GoText.Quote(unit.Name)));
            }
        }
    }

    /// <summary>
    /// Go's <c>^(.+?)@(.+?)\.service$</c>: the template <c>PREFIX@.service</c> of an instance name, where
    /// PREFIX is the shortest non-empty prefix before an '@' that leaves a non-empty instance. '.' does
    /// not match a newline.
    /// </summary>
    internal static string? TemplateOf(string name)
    {
        const string suffix = ".service";
        if (!name.EndsWith(suffix, StringComparison.Ordinal) || name.Contains('\n', StringComparison.Ordinal))
        {
            return null;
        }
        var instanceEnd = name.Length - suffix.Length;
        var at = name.IndexOf('@', 1);
        return at >= 1 && at + 1 < instanceEnd ? name[..at] + "@.service" : null;
    }

    private static void ValidateUnit(Unit unit, JsonPath path, RuleContext ctx)
    {
        if (!IsUnitExtension(LexicalPath.Ext(unit.Name)))
        {
            ctx.Error(path, "name", Messages.InvalidSystemdExt);
        }
        var contents = path.Append("contents");
        var parsed = UnitContents.Parse(unit.Contents);
        ctx.Error(contents, parsed.Error);
        if (unit.Enabled == true && CommonRules.NotEmpty(unit.Contents) && parsed.Error is null && !parsed.HasInstallOption)
        {
            ctx.Warning(contents, string.Format(CultureInfo.InvariantCulture, Messages.NoInstallSection, GoText.Quote(unit.Name)));
        }
        var dropins = path.Append("dropins");
        for (var i = 0; i < unit.Dropins.Count; i++)
        {
            var dropin = unit.Dropins[i];
            var at = dropins.Append(i);
            ctx.Error(at, "contents", UnitContents.Parse(dropin.Contents).Error);
            if (LexicalPath.Ext(dropin.Name) != ".conf")
            {
                ctx.Error(at, "name", Messages.InvalidSystemdDropinExt);
            }
        }
    }

    private static bool IsUnitExtension(string ext) => ext is ".service" or ".socket" or ".device" or ".mount" or ".automount"
        or ".swap" or ".target" or ".path" or ".timer" or ".snapshot" or ".slice" or ".scope";
}
