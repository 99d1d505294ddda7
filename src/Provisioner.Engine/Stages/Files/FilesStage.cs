using Provisioner.Config.Model;
using Provisioner.Engine.Machine;

namespace Provisioner.Engine.Stages.Files;

/// <summary>
/// The files stage, in Ignition's order: users and groups; files, directories and links; systemd units
/// and presets; crypttab and LUKS key files; the result file; SELinux relabelling. Each phase is planned just before it runs (its
/// plan depends on what the earlier phases made), and every step is one numbered operation in the log.
/// </summary>
public sealed class FilesStage(FilesContext ctx)
{
    /// <summary>
    /// The phases, each expanding to its steps when called. <paramref name="firstBoot"/> adds what only a
    /// provisioned machine gets: the result file and SELinux relabelling (a tree being built is labelled by its build).
    /// </summary>
    /// <param name="nodes">The storage entries, when they come apart from <paramref name="config"/> (read lazily from the cache).</param>
    public IEnumerable<(string Name, Func<List<FilesStep>> Steps)> Phases(Configuration config, bool firstBoot, IReadOnlyList<NodeEntry>? nodes = null)
    {
        yield return ("passwd", () => PasswdSteps.Plan(config.Passwd, ctx));
        yield return ("createFilesystemsFiles", () => NodeSteps.Plan(nodes ?? NodeEntry.FromStorage(config.Storage), ctx));
        yield return ("createUnits", () => UnitSteps.Plan(config.Systemd, ctx));
        if (!firstBoot)
        {
            yield break;
        }
        yield return ("createCrypttabEntries", () => CrypttabSteps.Plan(config.Storage.Luks, ctx));
        yield return ("createResultFile", () => [ResultFile.Step(ctx)]);
        yield return ("relabel", () => ctx.Relabeler.Active
            ? [new FilesStep("relabel the created paths with setfiles", null, () => ctx.Relabeler.Relabel(ctx.Fs, ctx.Runner, ctx.Tools))]
            : []);
    }

    /// <summary>Runs every phase; the first failing step fails the stage, naming its config entry.</summary>
    public void Run(Configuration config, bool firstBoot = true, IReadOnlyList<NodeEntry>? nodes = null)
    {
        var pacer = new GarbagePacer();
        foreach (var (name, plan) in Phases(config, firstBoot, nodes))
        {
            using var _ = ctx.Log.Prefix(name);
            foreach (var step in plan())
            {
                Execute(step);
                pacer.Tick();
            }
        }
        ctx.Fs.Sync();
    }

    private void Execute(FilesStep step)
    {
        try
        {
            ctx.Log.Operation(step.Description, step.Apply);
        }
        catch (Exception e) when (e is StageFailedException or FileSystemOperationException or Tools.ToolFailedException or IOException or System.Text.Json.JsonException)
        {
            var where = step.Source is null ? "" : step.Source + ": ";
            throw new StageFailedException($"{where}{step.Description}: {e.Message}");
        }
    }
}
