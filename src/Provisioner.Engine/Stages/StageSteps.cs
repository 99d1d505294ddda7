using Provisioner.Engine.Logging;
using Provisioner.Engine.Machine;
using Provisioner.Engine.Tools;

namespace Provisioner.Engine.Stages;

/// <summary>Runs a <see cref="StageStep"/> as one numbered operation; its failure fails the stage, naming the config entry.</summary>
public static class StageSteps
{
    public static void Execute(StageStep step, Log log)
    {
        try
        {
            log.Operation(step.Description, step.Apply);
        }
        catch (Exception e) when (e is StageFailedException or FileSystemOperationException or ToolFailedException or IOException)
        {
            var where = step.Source is null ? "" : step.Source + ": ";
            throw new StageFailedException($"{where}{step.Description}: {e.Message}");
        }
    }
}
