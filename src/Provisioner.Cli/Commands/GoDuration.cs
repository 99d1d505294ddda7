using System.Globalization;

namespace Provisioner.Cli.Commands;

/// <summary>
/// Durations as Ignition's command line writes them (Go's syntax): a sequence of decimal numbers,
/// each with a unit, e.g. <c>2m0s</c>, <c>90s</c>, <c>1.5h</c>, <c>300ms</c>; a bare <c>0</c> is allowed.
/// </summary>
internal static class GoDuration
{
    private static readonly (string Unit, double Ticks)[] Units =
    [
        ("ns", TimeSpan.TicksPerMillisecond / 1e6),
        ("us", TimeSpan.TicksPerMillisecond / 1e3),
        ("µs", TimeSpan.TicksPerMillisecond / 1e3),
        ("ms", TimeSpan.TicksPerMillisecond),
        ("s", TimeSpan.TicksPerSecond),
        ("m", TimeSpan.TicksPerMinute),
        ("h", TimeSpan.TicksPerHour),
    ];

    public static TimeSpan? TryParse(string text)
    {
        var s = text.AsSpan();
        var sign = 1;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            sign = s[0] == '-' ? -1 : 1;
            s = s[1..];
        }
        if (s is "0")
        {
            return TimeSpan.Zero;
        }
        if (s.IsEmpty)
        {
            return null;
        }
        double ticks = 0;
        while (!s.IsEmpty)
        {
            var numberLength = s.IndexOfAnyExcept("0123456789.");
            if (numberLength <= 0 || !double.TryParse(s[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return null;
            }
            s = s[numberLength..];
            var unitLength = s.IndexOfAny("0123456789.");
            var unit = (unitLength < 0 ? s : s[..unitLength]).ToString();
            var match = Array.FindIndex(Units, u => u.Unit == unit);
            if (match < 0)
            {
                return null;
            }
            ticks += number * Units[match].Ticks;
            s = s[unit.Length..];
        }
        return TimeSpan.FromTicks((long)(sign * ticks));
    }
}
