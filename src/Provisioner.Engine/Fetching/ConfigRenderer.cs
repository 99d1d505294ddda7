using Provisioner.Config;
using Provisioner.Config.Merging;
using Provisioner.Config.Model;
using Provisioner.Config.Reporting;
using Provisioner.Engine.Logging;
using Provisioner.Engine.Resources;
using Provisioner.Engine.State;

namespace Provisioner.Engine.Fetching;

/// <summary>
/// Resolves <c>ignition.config.replace</c> and <c>ignition.config.merge</c>: a replacing config takes the
/// place of its parent; merged configs are fetched in order, each rendered depth-first, and merged onto
/// the result so far. Every referenced config is recorded in the state.
/// </summary>
public sealed class ConfigRenderer(ResourceFetcher fetcher, EngineState state, Log log)
{
    private const int MaxDepth = 16;

    public Configuration Render(Configuration config) => Render(config, 0);

    /// <summary>Renders, then checks the result as Ignition does before caching it; <paramref name="name"/> names the config in the error.</summary>
    public Configuration RenderChecked(Configuration config, string name)
    {
        var rendered = Render(config, 0);
        var error = ConfigSerializer.ValidateRendered(rendered).Entries.FirstOrDefault(e => e.Severity == Severity.Error);
        return error is null
            ? rendered
            : throw new StageFailedException($"merging the configs referenced by {name} resulted in an invalid config: {error}");
    }

    private Configuration Render(Configuration config, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new StageFailedException($"referenced configs nest deeper than {MaxDepth} levels: is a config referencing itself?");
        }
        var replace = config.Ignition.Config.Replace;
        if (replace.Source is not null)
        {
            return Render(FetchReferenced(replace, "ignition.config.replace"), depth + 1);
        }
        var result = config;
        for (var i = 0; i < config.Ignition.Config.Merge.Count; i++)
        {
            var child = FetchReferenced(config.Ignition.Config.Merge[i], $"ignition.config.merge.{i}");
            result = ConfigMerger.Merge(result, Render(child, depth + 1));
        }
        return result;
    }

    private Configuration FetchReferenced(Resource reference, string where)
    {
        var source = Describe(reference.Source!);
        var data = fetcher.Fetch(reference, $"the config referenced at {where} ({source})");
        state.FetchedConfigs.Add(new FetchedConfig(FetchedConfig.UserKind, source, Referenced: true));
        log.Info($"fetched referenced config from {source}");
        return ConfigLoader.Parse(data, $"the config referenced at {where} ({source})", log);
    }

    /// <summary>A source as it may be logged: a data URL's payload is config contents, so only its header is kept.</summary>
    public static string Describe(string source)
    {
        if (!source.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return source;
        }
        var comma = source.IndexOf(',', StringComparison.Ordinal);
        return (comma < 0 ? source : source[..(comma + 1)]) + "…";
    }
}
