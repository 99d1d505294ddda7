namespace Provisioner.Config.Validation;

/// <summary>
/// What Ignition's unit-file reader (go-systemd) makes of a unit or drop-in: the error it reports, if
/// any, and whether an option was set inside an <c>[Install]</c> section.
/// </summary>
internal readonly struct UnitContents
{
    private UnitContents(string? error, bool hasInstallOption)
    {
        Error = error;
        HasInstallOption = hasInstallOption;
    }

    /// <summary>The full "invalid unit content: ..." message, or null when the contents are accepted.</summary>
    public string? Error { get; }

    /// <summary>True when the contents are accepted and some option lies in a section named exactly "Install".</summary>
    public bool HasInstallOption { get; }

    public static UnitContents Parse(string? contents)
    {
        if (string.IsNullOrEmpty(contents))
        {
            return default;
        }
        var outcome = UnitFileScanner.Scan(System.Text.Encoding.UTF8.GetBytes(contents));
        return outcome.Problem is { } problem
            ? new UnitContents("invalid unit content: " + problem, false)
            : new UnitContents(null, outcome.HasInstallOption);
    }
}
