namespace Provisioner.Config.Reporting;

/// <summary>How bad a report entry is; the names print as Ignition prints them.</summary>
public enum Severity
{
    Error,
    Warning,
    Info,
}
