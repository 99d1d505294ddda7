using Provisioner.Config.Model;
using Provisioner.Engine.Logging;
using Provisioner.Engine.Machine;
using Provisioner.Engine.Resources;
using Provisioner.Engine.Stages.Files;
using Provisioner.Engine.State;
using Provisioner.Engine.Tools;

namespace Provisioner.Engine.Offline;

/// <summary>
/// The files stage on a directory tree (an image being built, a container root): users, groups, files,
/// directories, links and units, exactly as at first boot, without the result file, which marks a
/// machine that was provisioned. <see cref="Plan"/> lists the same steps without performing any.
/// </summary>
public static class TreeApplier
{
    /// <summary>A planned step: its phase, what it does, and the config entry it comes from.</summary>
    public sealed record PlannedStep(string Phase, string Description, string? Source);

    public static void Apply(Configuration config, string root, Log log, ToolPaths? tools = null)
    {
        try
        {
            using var fs = new RootedFileSystem(root);
            new FilesStage(Context(fs, log, tools)).Run(config, firstBoot: false);
        }
        catch (FileSystemOperationException e)
        {
            throw new StageFailedException(e.Message);
        }
    }

    /// <summary>
    /// The steps apply would take on <paramref name="root"/> as it is now. Each phase is planned on the
    /// tree as it stands, not as the earlier phases would leave it, so a user the config adds is listed as added.
    /// </summary>
    public static List<PlannedStep> Plan(Configuration config, string root)
    {
        try
        {
            using var fs = new RootedFileSystem(root);
            var stage = new FilesStage(Context(fs, Log.Discard, null));
            return [.. stage.Phases(config, firstBoot: false)
                .SelectMany(phase => phase.Steps().Select(step => new PlannedStep(phase.Name, step.Description, step.Source)))];
        }
        catch (FileSystemOperationException e)
        {
            throw new StageFailedException(e.Message);
        }
    }

    private static FilesContext Context(RootedFileSystem fs, Log log, ToolPaths? tools) =>
        new(fs, log, new ToolRunner(log), tools ?? new ToolPaths(), new ResourceFetcher { Offline = true }, new EngineState());
}
