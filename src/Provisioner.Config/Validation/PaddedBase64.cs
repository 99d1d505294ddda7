namespace Provisioner.Config.Validation;

/// <summary>
/// Standard base64 (RFC 4648) with mandatory '=' padding, judged as Go's <c>base64.StdEncoding</c> decodes it:
/// CR and LF are skipped anywhere, unused trailing bits are tolerated.
/// </summary>
internal static class PaddedBase64
{
    /// <summary>The offset Go reports as the first illegal byte, or -1 when <paramref name="s"/> decodes.</summary>
    public static int FirstIllegalByte(ReadOnlySpan<char> s)
    {
        var i = 0;
        for (var n = 0; ; n = (n + 1) % 4) // n: symbols already read of the current four-symbol quantum
        {
            i = SkipLineBreaks(s, i);
            if (i == s.Length)
            {
                return n == 0 ? -1 : i - n; // a partial quantum is blamed from its start (line breaks aside)
            }
            var c = s[i++];
            if (c == '=')
            {
                return PaddingError(s, i, n);
            }
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '/'))
            {
                return i - 1;
            }
        }
    }

    /// <summary>Padding after <paramref name="n"/> symbols of a quantum; <paramref name="i"/> is just past the first '='.</summary>
    private static int PaddingError(ReadOnlySpan<char> s, int i, int n)
    {
        if (n < 2)
        {
            return i - 1; // '=' can only stand for the third or fourth symbol
        }
        if (n == 2)
        {
            // Two symbols need "==": the second '=' may come after line breaks.
            i = SkipLineBreaks(s, i);
            if (i == s.Length || s[i] != '=')
            {
                return i == s.Length ? i : i - 1;
            }
            i++;
        }
        // Padding ends the data: only line breaks may follow.
        i = SkipLineBreaks(s, i);
        return i < s.Length ? i : -1;
    }

    private static int SkipLineBreaks(ReadOnlySpan<char> s, int i)
    {
        while (i < s.Length && s[i] is '\r' or '\n')
        {
            i++;
        }
        return i;
    }
}
