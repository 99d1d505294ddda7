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
/// the result so far. Every referenced config is recorded in the state. As in Ignition, the fetcher takes
/// the HTTP settings (timeouts, proxy, CAs) of a replacing config, or of the result so far merged with a
/// merged one, before that config's own references are fetched.
/// Ignition has no guard against a config that references itself (it recurses until it runs out of
/// memory); here a source met again on the way down, or a chain deeper than <see cref="MaxDepth"/>, fails.
/// </summary>
public sealed class ConfigRenderer(ResourceFetcher fetcher, EngineState state, Log log)
{
    /// <summary>Deeper than any real chain of references; a server handing out ever new URLs ends here.</summary>
    public const int MaxDepth = 16;

    public Configuration Render(Configuration config) => Render(config, []);

    /// <summary>Renders, then checks the result as Ignition does before caching it; <paramref name="name"/> names the config in the error.</summary>
    public Configuration RenderChecked(Configuration config, string name)
    {
        var rendered = Render(config, []);
        var error = ConfigSerializer.ValidateRendered(rendered).Entries.FirstOrDefault(e => e.Severity == Severity.Error);
        return error is null
            ? rendered
            : throw new StageFailedException($"merging the configs referenced by {name} resulted in an invalid config: {error}");
    }

    /// <param name="chain">The sources of the referenced configs above this one, outermost first.</param>
    private Configuration Render(Configuration config, List<string> chain)
    {
        var replace = config.Ignition.Config.Replace;
        if (replace.Source is not null)
        {
            var replacement = FetchReferenced(replace, "ignition.config.replace", chain);
            fetcher.Configure(replacement.Ignition);
            return Render(replacement, [.. chain, replace.Source]);
        }
        var result = config;
        for (var i = 0; i < config.Ignition.Config.Merge.Count; i++)
        {
            var reference = config.Ignition.Config.Merge[i];
            var child = FetchReferenced(reference, $"ignition.config.merge.{i}", chain);
            fetcher.Configure(ConfigMerger.Merge(IgnitionOnly(result), IgnitionOnly(child)).Ignition);
            result = ConfigMerger.Merge(result, Render(child, [.. chain, reference.Source!]));
        }
        return result;
    }

    private Configuration FetchReferenced(Resource reference, string where, List<string> chain)
    {
        var source = ResourceSource.Describe(reference.Source!);
        if (chain.Contains(reference.Source!, StringComparer.Ordinal))
        {
            var path = string.Join(" -> ", chain.SkipWhile(s => s != reference.Source).Append(reference.Source!).Select(ResourceSource.Describe));
            throw new StageFailedException($"the config referenced at {where} ({source}) references itself: {path}");
        }
        if (chain.Count >= MaxDepth)
        {
            throw new StageFailedException($"the config referenced at {where} ({source}) is nested deeper than {MaxDepth} levels of referenced configs");
        }
        var data = fetcher.Fetch(reference, $"the config referenced at {where} ({source})");
        state.FetchedConfigs.Add(new FetchedConfig(FetchedConfig.UserKind, source, Referenced: true));
        log.Info($"fetched referenced config from {source}");
        return ConfigLoader.Parse(data, $"the config referenced at {where} ({source})", log);
    }

    /// <summary>Just the ignition section: merging two of these gives the fetch settings without copying any file contents.</summary>
    private static Configuration IgnitionOnly(Configuration config) => new() { Ignition = config.Ignition };
}
