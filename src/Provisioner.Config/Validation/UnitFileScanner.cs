using System.Text;

namespace Provisioner.Config.Validation;

/// <summary>
/// Walks a unit file the way Ignition's reader does. Before the first section header only '[' (a header)
/// and '#'/';' (a comment) mean anything; inside sections, blank space is skipped and each line is a
/// header, a comment or a "Name=value" option. Comments and values continue onto the next line while
/// they end with a backslash.
/// </summary>
internal sealed class UnitFileScanner
{
    private const string TooLong = "line too long (max 2048 bytes)";

    private readonly UnitReadWindow window;
    private bool hasInstallOption;

    private UnitFileScanner(byte[] data) => window = new UnitReadWindow(data);

    public readonly record struct Outcome(string? Problem, bool HasInstallOption);

    public static Outcome Scan(byte[] data)
    {
        var scanner = new UnitFileScanner(data);
        var problem = scanner.Run();
        return new Outcome(problem, problem is null && scanner.hasInstallOption);
    }

    private string? Run()
    {
        // Before any section: every character is looked at on its own, so long stretches are caught anywhere.
        while (true)
        {
            if (window.LineTooLongHere())
            {
                return TooLong;
            }
            var c = window.ReadCharacter();
            if (c < 0)
            {
                return null;
            }
            if (c == '[')
            {
                window.Position--;
                return RunSections();
            }
            if (c is '#' or ';')
            {
                if (window.LineTooLongHere())
                {
                    return TooLong;
                }
                var end = SkipContinuedLines(window.Find((byte)'\n', window.Position, window.Position), newlineLeadsWindow: false);
                if (end < 0)
                {
                    return null;
                }
                window.Position = end + 1;
            }
        }
    }

    private string? RunSections()
    {
        while (true)
        {
            var headerStart = window.Position;
            window.ReadCharacter();
            if (window.LineTooLongHere())
            {
                return TooLong;
            }
            var close = window.Find((byte)']', headerStart, headerStart);
            if (close < 0)
            {
                return "unable to find end of section";
            }
            var name = window.Data.AsSpan(headerStart + 1, close - headerStart - 1);
            var inInstall = name.SequenceEqual("Install"u8);
            if (window.LineTooLongAt(close + 1))
            {
                return TooLong;
            }
            var lineEnd = window.Find((byte)'\n', close, close);
            var restEnd = lineEnd < 0 ? window.Data.Length : lineEnd;
            var garbage = Encoding.UTF8.GetString(window.Data, close + 1, restEnd - close - 1).Trim(WhiteSpace);
            if (garbage.Length > 0)
            {
                // Ignition's message leaves the section name out.
                return "found garbage after section name : " + GoText.Quote(garbage);
            }
            window.Position = restEnd;

            var problem = RunSectionBody(inInstall, out var nextHeader);
            if (problem is not null || !nextHeader)
            {
                return problem;
            }
        }
    }

    /// <summary>Reads lines until the next header (<paramref name="nextHeader"/>) or the end.</summary>
    private string? RunSectionBody(bool inInstall, out bool nextHeader)
    {
        nextHeader = false;
        while (true)
        {
            if (window.LineTooLongHere())
            {
                return TooLong;
            }
            var c = window.ReadCharacter();
            if (c < 0)
            {
                return null;
            }
            if (IsWhiteSpace(c))
            {
                continue;
            }
            if (c == '[')
            {
                window.Position--;
                nextHeader = true;
                return null;
            }
            if (c is '#' or ';')
            {
                var start = window.Position - 1;
                var end = SkipContinuedLines(window.Find((byte)'\n', start, start), newlineLeadsWindow: true);
                if (end < 0)
                {
                    return null;
                }
                window.Position = end;
                continue;
            }
            // An option name runs to '='; it may not span lines.
            while (c != '=')
            {
                if (c is '\r' or '\n')
                {
                    return "unexpected newline encountered while parsing option name";
                }
                c = window.ReadCharacter();
                if (c < 0)
                {
                    return "EOF";
                }
            }
            var equals = window.Position - 1;
            if (window.LineTooLongHere())
            {
                return TooLong;
            }
            var valueEnd = window.Find((byte)'\n', equals, equals);
            while (EndsWithBackslash(valueEnd))
            {
                if (window.LineTooLongAt(valueEnd + 1))
                {
                    return TooLong;
                }
                valueEnd = window.Find((byte)'\n', valueEnd + 1, valueEnd);
            }
            window.Position = valueEnd < 0 ? window.Data.Length : valueEnd;
            hasInstallOption |= inInstall;
        }
    }

    /// <summary>
    /// Follows a comment onto further lines while each ends with a backslash; returns the final newline's
    /// index or -1 at the end. The window, when it must move, restarts at that newline inside sections and
    /// just after it before the first section.
    /// </summary>
    private int SkipContinuedLines(int newline, bool newlineLeadsWindow)
    {
        while (EndsWithBackslash(newline))
        {
            newline = window.Find((byte)'\n', newline + 1, newlineLeadsWindow ? newline : newline + 1);
        }
        return newline;
    }

    private bool EndsWithBackslash(int newline) => newline > 0 && window.Data[newline - 1] == '\\';

    // Unicode White_Space, as Ignition trims and skips it.
    private static readonly char[] WhiteSpace =
    [
        ' ', '\t', '\n', '\v', '\f', '\r', '\u0085', '\u00a0', '\u1680', '\u2000', '\u2001', '\u2002', '\u2003',
        '\u2004', '\u2005', '\u2006', '\u2007', '\u2008', '\u2009', '\u200a', '\u2028', '\u2029', '\u202f',
        '\u205f', '\u3000',
    ];

    private static bool IsWhiteSpace(int c) => c < 0x10000 && Array.IndexOf(WhiteSpace, (char)c) >= 0;
}
