namespace Provisioner.Engine.Providers;

/// <summary>
/// A platform that is told how each stage ended (Ignition's <c>Status</c> hook; only Equinix Metal has one):
/// called after every stage, passed or failed. A failure to report is logged, never fatal.
/// </summary>
public interface IStatusReporter
{
    /// <param name="stage">The stage's name (fetch-offline, files, …).</param>
    /// <param name="failure">The stage's error; null when it passed.</param>
    void ReportStatus(string stage, ProviderContext context, string? failure);
}
