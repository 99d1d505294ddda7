namespace Provisioner.Config.Validation;

/// <summary>
/// The escapes of a Go interpreted (double-quoted) string literal, per the Go language specification:
/// Ignition's data-URL decoder unquotes a quoted parameter value by these rules.
/// </summary>
internal static class GoStringLiteral
{
    /// <summary>Whether <paramref name="body"/>, the text between the quotes, unquotes without a syntax error.</summary>
    public static bool IsValidBody(ReadOnlySpan<char> body)
    {
        if (body.Contains('\n'))
        {
            return false; // a literal may not span lines, escaped or not
        }
        for (var i = body.IndexOf('\\'); i >= 0; i = body.IndexOf('\\'))
        {
            var kind = i + 1 < body.Length ? body[i + 1] : '\0';
            // How many digits follow the escape letter, in which base, and the largest value allowed.
            var (digits, radix, max) = kind switch
            {
                'x' => (2, 16, 0xFF),
                'u' => (4, 16, 0x10FFFF),
                'U' => (8, 16, 0x10FFFF),
                >= '0' and <= '7' => (3, 8, 0xFF), // octal: the escape letter is the first digit
                _ => (0, 0, 0),
            };
            if (digits == 0 && !"abfnrtv\\\"".Contains(kind))
            {
                return false;
            }
            var first = radix == 8 ? i + 1 : i + 2;
            long value = 0;
            for (var k = first; k < first + digits; k++)
            {
                var d = k < body.Length ? DigitValue(body[k]) : radix;
                if (d >= radix)
                {
                    return false;
                }
                value = (value * radix) + d;
            }
            if (value > max || (kind is 'u' or 'U' && value is >= 0xD800 and <= 0xDFFF))
            {
                return false; // beyond a byte, beyond Unicode, or a surrogate
            }
            body = body[(digits == 0 ? i + 2 : first + digits)..];
        }
        return true;
    }

    /// <summary>A character's value as a hex digit, or 99 when it is none.</summary>
    private static int DigitValue(char c) =>
        char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiHexDigit(c) ? (c | 0x20) - 'a' + 10 : 99;
}
