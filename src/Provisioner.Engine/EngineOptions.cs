namespace Provisioner.Engine;

/// <summary>
/// What one run of a stage needs, as the <c>ignition</c> binary takes it on its command line. The
/// defaults are Ignition's, so a dracut module written for Ignition runs us unchanged.
/// </summary>
public sealed record EngineOptions(string Platform, Stage Stage)
{
    /// <summary>The root of the machine being provisioned (the initramfs passes /sysroot).</summary>
    public string Root { get; init; } = "/";

    /// <summary>Where fetch-offline/fetch cache the rendered config for the later stages.</summary>
    public string ConfigCache { get; init; } = "/run/ignition.json";

    /// <summary>State handed from one stage to the next.</summary>
    public string StateFile { get; init; } = "/run/ignition/state";

    /// <summary>Written by fetch-offline when the config needs the network, so that fetch runs.</summary>
    public string NeedNetFile { get; init; } = "/run/ignition/neednet";

    /// <summary>Total time allowed for fetching the platform's config.</summary>
    public TimeSpan FetchTimeout { get; init; } = TimeSpan.FromMinutes(2);

    public bool LogToStdout { get; init; }
}
