namespace Provisioner.Engine;

/// <summary>
/// Runs one stage. Stages arrive one by one; a stage that is not built yet says so and fails, so a
/// boot never goes on believing it was provisioned.
/// </summary>
public static class StageRunner
{
    /// <summary>Returns null on success, else the one line that says what failed.</summary>
    public static string? Run(EngineOptions options) =>
        $"stage {options.Stage.Name()} is not built yet in this version of provisioner; the machine was not provisioned";
}
