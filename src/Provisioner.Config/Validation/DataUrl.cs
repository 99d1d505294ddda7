using System.Globalization;

namespace Provisioner.Config.Validation;

/// <summary>
/// Judges an RFC 2397 data URL, <c>data:[type/subtype][;attr=value]*[;base64],data</c>, the way
/// Ignition's decoder does: one left-to-right pass that stops at the first fault it meets.
/// </summary>
internal sealed class DataUrl
{
    private const string Prefix = "data:";
    private const int End = -1;

    // Ignition only takes media types whose top-level name begins with one of these (case matters).
    private static readonly string[] TypePrefixes =
        ["text", "image", "application", "message", "multipart", "audio", "video", "x-", "X-"];

    private readonly string input;
    private int position = Prefix.Length;

    private DataUrl(string s) => input = s;

    /// <summary>Returns Ignition's message for a malformed data URL, or null when it decodes.</summary>
    public static string? Validate(string s) =>
        s.StartsWith(Prefix, StringComparison.Ordinal) ? new DataUrl(s).Check() : Messages.DataUrlMissingPrefix;

    /// <summary>The character under the cursor, or <see cref="End"/>.</summary>
    private int Next => position < input.Length ? input[position] : End;

    private string? Check() => Next switch
    {
        End => Messages.DataUrlMissingComma,
        ',' => Data(base64: false),
        ';' => Parameters(),
        var c when IsToken(c) => MediaType(),
        _ => Messages.DataUrlInvalidCharAfterPrefix,
    };

    /// <summary><c>type/subtype</c>, then the parameters or the data.</summary>
    private string? MediaType()
    {
        var start = position;
        if (Next is 'x' or 'X')
        {
            // The decoder takes an "x" and whatever single character follows it (meant for "x-") unchecked.
            position++;
            position += Next == End ? 0 : char.IsSurrogatePair(input, position) ? 2 : 1;
        }
        SkipTokens();
        if (Next != '/')
        {
            return Next == End ? Messages.DataUrlMissingMediaTypeSlash : Messages.DataUrlInvalidMediaTypeChar;
        }
        var type = input[start..position];
        if (!Array.Exists(TypePrefixes, p => type.StartsWith(p, StringComparison.Ordinal)))
        {
            return Messages.DataUrlInvalidMediaType;
        }
        position++;
        SkipTokens(); // the subtype may be empty
        return Next switch
        {
            End => Messages.DataUrlIncompleteMediaType,
            ',' => Data(base64: false),
            ';' => Parameters(),
            _ => Messages.DataUrlInvalidMediaSubtypeChar,
        };
    }

    /// <summary>
    /// <c>;attr=value</c> pairs, entered on a semicolon. An attribute followed straight by the comma
    /// is the base64 marker.
    /// </summary>
    private string? Parameters()
    {
        // Quirk kept from Ignition: a bare value right after an empty quoted one ("") is not percent-checked.
        var afterEmptyQuote = false;
        while (true)
        {
            var start = ++position;
            SkipTokens();
            var attribute = input[start..position];
            if (Next == End || (attribute.Length == 0 && Next is '=' or ','))
            {
                return Messages.DataUrlUnterminatedParameter;
            }
            if (Next == ',')
            {
                return attribute == "base64"
                    ? Data(base64: true)
                    : string.Format(CultureInfo.InvariantCulture, Messages.DataUrlExpectedBase64, attribute);
            }
            if (Next != '=')
            {
                return Messages.DataUrlInvalidParamAttrChar;
            }
            start = ++position;
            var quoted = Next == '"';
            var error = quoted ? QuotedValue() : TokenValue(checkEscapes: !afterEmptyQuote);
            afterEmptyQuote = quoted && position - start == 2;
            if (error is not null)
            {
                return error;
            }
            if (Next == ',')
            {
                return Data(base64: false);
            }
        }
    }

    /// <summary>A bare value: a non-empty token, percent-escapes allowed, ended by ';' or ','.</summary>
    private string? TokenValue(bool checkEscapes)
    {
        var start = position;
        SkipTokens();
        if (Next == End)
        {
            return Messages.DataUrlMissingComma;
        }
        if (position == start || Next is not (';' or ','))
        {
            return Messages.DataUrlInvalidParamValueChar;
        }
        return checkEscapes ? PercentEscapeError(input.AsSpan(start..position)) : null;
    }

    /// <summary>A quoted value: ASCII only, with backslash escapes as in a Go string literal.</summary>
    private string? QuotedValue()
    {
        var start = ++position;
        for (var c = Next; c != '"'; c = Next)
        {
            position++;
            if (c == End || (c == '\\' && Next == End))
            {
                return Messages.DataUrlUnclosedQuotedString;
            }
            if (!char.IsAscii((char)c))
            {
                return Messages.DataUrlInvalidParamValueChar;
            }
            if (c == '\\' && !char.IsAscii(input[position++]))
            {
                return Messages.DataUrlInvalidEscapedChar;
            }
        }
        // The text is unquoted as soon as it closes, before what follows it is looked at.
        var body = input.AsSpan(start..position++);
        return !GoStringLiteral.IsValidBody(body) ? Messages.DataUrlInvalidSyntax
            : Next switch
            {
                End => Messages.DataUrlMissingComma,
                ';' or ',' => null,
                _ => Messages.DataUrlExpectedSemicolonOrComma,
            };
    }

    /// <summary>Everything after the comma: every character is vetted before the content is decoded.</summary>
    private string? Data(bool base64)
    {
        var data = input.AsSpan(position + 1);
        foreach (var c in data)
        {
            if (!(base64 ? IsBase64DataChar(c) : IsUriChar(c)))
            {
                return Messages.DataUrlInvalidDataChar;
            }
        }
        if (!base64)
        {
            return PercentEscapeError(data);
        }
        var bad = PaddedBase64.FirstIllegalByte(data);
        return bad < 0 ? null : string.Format(CultureInfo.InvariantCulture, Messages.DataUrlIllegalBase64, bad);
    }

    private void SkipTokens()
    {
        while (IsToken(Next))
        {
            position++;
        }
    }

    /// <summary>Each '%' must be followed by two hex digits, judged one character at a time.</summary>
    private static string? PercentEscapeError(ReadOnlySpan<char> s)
    {
        for (var i = s.IndexOf('%'); i >= 0; i = s.IndexOf('%'))
        {
            for (var k = 1; k <= 2; k++)
            {
                if (k >= s.Length - i)
                {
                    return Messages.DataUrlUnexpectedEndOfEscape;
                }
                if (!char.IsAsciiHexDigit(s[i + k]))
                {
                    return Messages.DataUrlInvalidEscapeChar;
                }
            }
            s = s[(i + 3)..];
        }
        return null;
    }

    /// <summary>RFC 2045 token character: printable ASCII other than space and the tspecials.</summary>
    private static bool IsToken(int c) => c is > ' ' and < '\x7f' && !"()<>@,;:\\\"/[]?=".Contains((char)c);

    /// <summary>RFC 2396 <c>uric</c>: reserved, unreserved, or the '%' of an escape.</summary>
    private static bool IsUriChar(char c) => char.IsAsciiLetterOrDigit(c) || "-_.!~*'();/?:@&=+$,%".Contains(c);

    /// <summary>The base64 alphabet, its padding, and line feeds (which the decoder skips).</summary>
    private static bool IsBase64DataChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=' or '\n';
}
