namespace Provisioner.Config.Versions;

/// <summary>
/// A config spec version. Only the exact strings in <see cref="Supported"/> are accepted, as Ignition
/// accepts them: no 3.6.1, no build metadata, no experimental version other than the current one.
/// </summary>
public sealed record SpecVersion(int Major, int Minor, int Patch, string PreRelease = "") : IComparable<SpecVersion>
{
    public static readonly SpecVersion V3_0 = new(3, 0, 0);
    public static readonly SpecVersion V3_1 = new(3, 1, 0);
    public static readonly SpecVersion V3_2 = new(3, 2, 0);
    public static readonly SpecVersion V3_3 = new(3, 3, 0);
    public static readonly SpecVersion V3_4 = new(3, 4, 0);
    public static readonly SpecVersion V3_5 = new(3, 5, 0);
    public static readonly SpecVersion V3_6 = new(3, 6, 0);
    public static readonly SpecVersion V3_7Experimental = new(3, 7, 0, "experimental");

    /// <summary>Every accepted version, oldest first.</summary>
    public static readonly IReadOnlyList<SpecVersion> Supported = [V3_0, V3_1, V3_2, V3_3, V3_4, V3_5, V3_6, V3_7Experimental];

    /// <summary>The newest stable version: what every config is translated up to.</summary>
    public static readonly SpecVersion NewestStable = V3_6;

    public bool IsExperimental => PreRelease.Length > 0;

    /// <summary>True when this version has everything <paramref name="other"/> has.</summary>
    public bool AtLeast(SpecVersion other) => CompareTo(other) >= 0;

    public int CompareTo(SpecVersion? other)
    {
        if (other is null)
        {
            return 1;
        }
        var c = (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));
        if (c != 0)
        {
            return c;
        }
        // A pre-release sorts before its release, as semver says.
        return (PreRelease.Length == 0, other.PreRelease.Length == 0) switch
        {
            (true, false) => 1,
            (false, true) => -1,
            _ => string.CompareOrdinal(PreRelease, other.PreRelease),
        };
    }

    public static bool operator <(SpecVersion a, SpecVersion b) => a.CompareTo(b) < 0;
    public static bool operator >(SpecVersion a, SpecVersion b) => a.CompareTo(b) > 0;
    public static bool operator <=(SpecVersion a, SpecVersion b) => a.CompareTo(b) <= 0;
    public static bool operator >=(SpecVersion a, SpecVersion b) => a.CompareTo(b) >= 0;

    /// <summary>
    /// Parses a semantic version the way Ignition's go-semver does: MAJOR.MINOR.PATCH, optional
    /// -prerelease and +metadata; numbers may carry leading zeros. Returns null when unparseable.
    /// </summary>
    public static SpecVersion? TryParse(string text, out string metadata)
    {
        metadata = "";
        var plus = text.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            metadata = text[(plus + 1)..];
            text = text[..plus];
        }
        var pre = "";
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash >= 0)
        {
            pre = text[(dash + 1)..];
            text = text[..dash];
        }
        var parts = text.Split('.');
        if (parts.Length != 3 || !TryNumber(parts[0], out var major) || !TryNumber(parts[1], out var minor) || !TryNumber(parts[2], out var patch))
        {
            return null;
        }
        return new SpecVersion(major, minor, patch, pre);
    }

    private static bool TryNumber(string s, out int value)
    {
        value = 0;
        if (s.Length == 0 || s.Length > 9)
        {
            return false;
        }
        foreach (var ch in s)
        {
            if (ch is < '0' or > '9')
            {
                return false;
            }
            value = (value * 10) + (ch - '0');
        }
        return true;
    }

    public override string ToString() => PreRelease.Length == 0 ? $"{Major}.{Minor}.{Patch}" : $"{Major}.{Minor}.{Patch}-{PreRelease}";
}
