namespace Provisioner.Config.Validation;

/// <summary>Checks shared by several parts of the config; each returns Ignition's message or null.</summary>
internal static class CommonRules
{
    /// <summary><c>validatePath</c>: set, absolute and already <c>path.Clean</c>.</summary>
    public static string? Path(string path)
    {
        if (path.Length == 0)
        {
            return Messages.NoPath;
        }
        if (!LexicalPath.IsAbs(path))
        {
            return Messages.PathRelative;
        }
        return LexicalPath.IsCleanAbsolute(path) ? null : Messages.DirtyPath;
    }

    /// <summary><c>validatePathNilOK</c>: null and "" are fine.</summary>
    public static string? PathNilOk(string? path) => string.IsNullOrEmpty(path) ? null : Path(path);

    /// <summary><c>validateMode</c>: within 0..07777.</summary>
    public static string? Mode(long? mode) => mode is < 0 or > 0xFFF ? Messages.FileIllegalMode : null;

    /// <summary><c>validateModeSpecialBits</c>, as Go does it on <c>uint32(mode)</c>.</summary>
    public static string? ModeSpecialBits(long? mode) =>
        mode is { } m && (unchecked((uint)m) & 0xE00) != 0 ? Messages.ModeSpecialBits : null;

    public static bool NotEmpty(string? s) => !string.IsNullOrEmpty(s);

    public static bool IsTrue(bool? b) => b == true;
}
