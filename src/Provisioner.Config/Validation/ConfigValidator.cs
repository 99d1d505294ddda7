using Provisioner.Config.Model;
using Provisioner.Config.Reporting;
using Provisioner.Config.Versions;

namespace Provisioner.Config.Validation;

/// <summary>
/// Ignition's semantic rules, in Ignition's order: first one pre-order walk in which every part of
/// the config is checked before its children, the children in Go struct field order (each version's
/// own rules, the deltas named in <see cref="RuleContext"/>); then the duplicate walk. Behaviour is
/// today's Ignition for every spec version.
/// </summary>
internal static class ConfigValidator
{
    /// <param name="duplicates">False for a rendered config at run time: Ignition checks duplicates only in the configs as written.</param>
    public static void Validate(Configuration config, SpecVersion version, Report report, bool duplicates = true)
    {
        var ctx = new RuleContext(version, report);
        var root = JsonPath.Root;
        SystemdPathConflicts(config, root.Append("storage"), ctx);
        IgnitionRules.Validate(config.Ignition, root.Append("ignition"), ctx);
        StorageRules.Validate(config.Storage, root.Append("storage"), ctx);
        SystemdRules.Validate(config.Systemd, root.Append("systemd"), ctx);
        if (duplicates)
        {
            DuplicateRules.Validate(config, ctx);
        }
    }

    /// <summary>A file, directory or link written where a unit or drop-in with contents goes (Ignition 2.15+).</summary>
    private static void SystemdPathConflicts(Configuration config, JsonPath storage, RuleContext ctx)
    {
        HashSet<string>? unitPaths = null;
        foreach (var unit in config.Systemd.Units)
        {
            if (!string.IsNullOrEmpty(unit.Contents))
            {
                (unitPaths ??= new(StringComparer.Ordinal)).Add(SystemdRules.UnitDirectory + unit.Name);
            }
            foreach (var dropin in unit.Dropins)
            {
                if (!string.IsNullOrEmpty(dropin.Contents))
                {
                    (unitPaths ??= new(StringComparer.Ordinal)).Add(SystemdRules.UnitDirectory + unit.Name + ".d/" + dropin.Name);
                }
            }
        }
        if (unitPaths is null)
        {
            return;
        }
        Conflicts(config.Storage.Files, storage.Append("files"), unitPaths, ctx);
        Conflicts(config.Storage.Directories, storage.Append("directories"), unitPaths, ctx);
        Conflicts(config.Storage.Links, storage.Append("links"), unitPaths, ctx);
    }

    private static void Conflicts<T>(List<T> nodes, JsonPath path, HashSet<string> unitPaths, RuleContext ctx)
        where T : Node
    {
        for (var i = 0; i < nodes.Count; i++)
        {
            if (unitPaths.Contains(nodes[i].Path))
            {
                ctx.Error(path.Append(i).Append("path"), Messages.PathConflictsSystemd);
            }
        }
    }
}
