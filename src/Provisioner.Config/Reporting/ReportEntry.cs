namespace Provisioner.Config.Reporting;

/// <summary>
/// One finding about a config. <see cref="Line"/> and <see cref="Column"/> are 1-based and count bytes,
/// as Ignition's do; 0 means the position is unknown.
/// </summary>
public sealed record ReportEntry(Severity Severity, JsonPath? Path, int Line, int Column, string Message)
{
    /// <summary>The line ignition-validate would print: <c>error at $.storage.files.0.mode, line 7 col 15: ...</c>.</summary>
    public override string ToString()
    {
        var kind = Severity switch
        {
            Severity.Error => "error",
            Severity.Warning => "warning",
            _ => "info",
        };
        var hasPath = Path is not null && Path.Depth > 0;
        var hasPosition = Line > 0;
        return (hasPath, hasPosition) switch
        {
            (true, true) => $"{kind} at {Path}, line {Line} col {Column}: {Message}",
            (true, false) => $"{kind} at {Path}: {Message}",
            (false, true) => $"{kind} at line {Line} col {Column}: {Message}",
            _ => $"{kind}: {Message}",
        };
    }
}
