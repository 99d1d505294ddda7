using Provisioner.Config;
using Provisioner.Config.Model;
using Provisioner.Config.Reporting;
using Provisioner.Config.Versions;
using Provisioner.Engine.Logging;

namespace Provisioner.Engine.Fetching;

/// <summary>Parses a fetched config: warnings go to the log, errors fail the stage naming the source and the place in it.</summary>
public static class ConfigLoader
{
    /// <summary>The config Ignition uses when a source is empty: nothing to do, newest version.</summary>
    public static Configuration Empty() => new() { Ignition = { Version = SpecVersion.V3_7Experimental.ToString() } };

    public static Configuration Parse(byte[] data, string source, Log log)
    {
        if (data.Length == 0)
        {
            log.Info($"the config from {source} is empty: nothing to do");
            return Empty();
        }
        var result = ConfigParser.Parse(data);
        foreach (var entry in result.Report.Entries.Where(e => e.Severity != Severity.Error))
        {
            log.Warning($"{source}: {entry}");
        }
        if (result.Config is null)
        {
            var errors = result.Report.Entries.Where(e => e.Severity == Severity.Error).Select(e => e.ToString()).ToList();
            foreach (var error in errors.Skip(1))
            {
                log.Error($"{source}: {error}");
            }
            var more = errors.Count > 1 ? $" (and {errors.Count - 1} more, logged)" : "";
            throw new StageFailedException($"the config from {source} is invalid: {errors.FirstOrDefault() ?? "unknown error"}{more}");
        }
        return result.Config;
    }
}
