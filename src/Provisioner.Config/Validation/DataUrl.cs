using System.Globalization;

namespace Provisioner.Config.Validation;

/// <summary>
/// The decoder Ignition uses for <c>data:</c> URLs (github.com/vincent-petithory/dataurl 1.0.0): a
/// lexer whose tokens are handed one by one to a parser, the first error of either winning. Only the
/// verdict and the error text matter here, so the decoded bytes are thrown away.
/// </summary>
internal sealed class DataUrl
{
    private const int Eof = -1;

    private readonly string input;
    private int start;
    private int pos;
    private int width;
    private bool seenBase64Item;

    // Parser state.
    private bool unquoteParamVal;
    private bool? base64Reader;

    private DataUrl(string s) => input = s;

    /// <summary>Returns the decoder's error text, or null when the URL decodes.</summary>
    public static string? Validate(string s) => new DataUrl(s).Run();

    private enum Item
    {
        MediaType,
        MediaSep,
        MediaSubType,
        ParamSemicolon,
        ParamAttr,
        ParamEqual,
        LeftStringQuote,
        RightStringQuote,
        ParamVal,
        Base64Enc,
        DataComma,
        Data,
        DataPrefix,
    }

    private delegate State? State();

    private string? error;
    private bool finished;

    private string? Run()
    {
        State? state = LexBeforeDataPrefix;
        while (state is not null && error is null && !finished)
        {
            state = state();
        }
        return error;
    }

    private int Next()
    {
        if (pos >= input.Length)
        {
            width = 0;
            return Eof;
        }
        // Go steps over UTF-8 runes; here a rune is one char or a surrogate pair.
        if (char.IsHighSurrogate(input[pos]) && pos + 1 < input.Length && char.IsLowSurrogate(input[pos + 1]))
        {
            width = 2;
            pos += 2;
            return char.ConvertToUtf32(input[pos - 2], input[pos - 1]);
        }
        width = 1;
        var c = input[pos++];
        return char.IsSurrogate(c) ? 0xFFFD : c;
    }

    private void Backup() => pos -= width;

    private string Text(int from, int to) => input[from..to];

    /// <summary>Emits an item and lets the parser act on it at once, as the unbuffered channel does.</summary>
    private void Emit(Item item)
    {
        var from = start;
        start = pos;
        if (error is not null)
        {
            return;
        }
        switch (item)
        {
            case Item.LeftStringQuote:
                unquoteParamVal = true;
                break;
            case Item.ParamVal:
                if (unquoteParamVal)
                {
                    unquoteParamVal = false;
                    if (!GoUnquotable(input.AsSpan(from, pos - from)))
                    {
                        error = Messages.DataUrlInvalidSyntax;
                    }
                }
                else
                {
                    error = Rfc2396Unescape(input.AsSpan(from, pos - from));
                }
                break;
            case Item.Base64Enc:
                base64Reader = true;
                break;
            case Item.DataComma:
                base64Reader ??= false;
                break;
            case Item.Data:
                error = base64Reader == true ? Base64Error(input.AsSpan(from, pos - from)) : Rfc2396Unescape(input.AsSpan(from, pos - from));
                break;
        }
    }

    private void EmitEof() => finished = true;

    private State? Errorf(string message)
    {
        error ??= message;
        return null;
    }

    private static bool IsTokenRune(int r) =>
        r is >= 0 and <= 0x7f && !IsControl(r) && !IsSpace(r) && !IsTSpecial(r);

    private static bool IsControl(int r) => r is < 0x20 or (>= 0x7f and < 0xa0);

    private static bool IsSpace(int r) => r is '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or 0x85 or 0xa0;

    private static bool IsTSpecial(int r) =>
        r is '(' or ')' or '<' or '>' or '@' or ',' or ';' or ':' or '\\' or '"' or '/' or '[' or ']' or '?' or '=';

    private static bool IsUrlCharRune(int r) =>
        r is >= 0 and <= 0x7f && !(r is <= 0x1f) && r != 0x7f
        && r is not (' ' or '<' or '>' or '#' or '"' or '{' or '}' or '|' or '\\' or '^' or '[' or ']' or '`');

    private static bool IsBase64Rune(int r) =>
        r is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '+' or '/' or '=' or '\n';

    private bool InputHasPrefix(string prefix) => input.AsSpan(pos).StartsWith(prefix, StringComparison.Ordinal);

    private static bool StartsWith(ReadOnlySpan<char> s, string prefix) => s.StartsWith(prefix, StringComparison.Ordinal);

    private State? LexBeforeDataPrefix() =>
        InputHasPrefix("data:") ? LexDataPrefix : Errorf(Messages.DataUrlMissingPrefix);

    private State? LexDataPrefix()
    {
        pos += 5;
        Emit(Item.DataPrefix);
        return LexAfterDataPrefix;
    }

    private State? LexAfterDataPrefix()
    {
        var r = Next();
        switch (r)
        {
            case ';':
                Backup();
                return LexParamSemicolon;
            case ',':
                Backup();
                return LexDataComma;
            case Eof:
                return Errorf(Messages.DataUrlMissingComma);
            case 'x' or 'X':
                return Next() == '-' ? LexXTokenMediaType : LexInDiscreteMediaType;
        }
        return IsTokenRune(r) ? LexInDiscreteMediaType : Errorf(Messages.DataUrlInvalidCharAfterPrefix);
    }

    private State? LexXTokenMediaType()
    {
        while (true)
        {
            var r = Next();
            if (r == '/')
            {
                Backup();
                return LexMediaType;
            }
            if (r == Eof)
            {
                return Errorf(Messages.DataUrlMissingMediaTypeSlash);
            }
            if (!IsTokenRune(r))
            {
                return Errorf(Messages.DataUrlInvalidMediaTypeChar);
            }
        }
    }

    private State? LexInDiscreteMediaType()
    {
        while (true)
        {
            var r = Next();
            if (r == '/')
            {
                Backup();
                var type = input.AsSpan(start, pos - start);
                var known = StartsWith(type, "text") || StartsWith(type, "image") || StartsWith(type, "audio")
                    || StartsWith(type, "video") || StartsWith(type, "application")
                    || StartsWith(type, "message") || StartsWith(type, "multipart");
                return known ? LexMediaType : Errorf(Messages.DataUrlInvalidMediaType);
            }
            if (r == Eof)
            {
                return Errorf(Messages.DataUrlMissingMediaTypeSlash);
            }
            if (!IsTokenRune(r))
            {
                return Errorf(Messages.DataUrlInvalidMediaTypeChar);
            }
        }
    }

    private State? LexMediaType()
    {
        if (pos > start)
        {
            Emit(Item.MediaType);
        }
        return LexMediaSep;
    }

    private State? LexMediaSep()
    {
        Next();
        Emit(Item.MediaSep);
        return LexAfterMediaSep;
    }

    private State? LexAfterMediaSep()
    {
        while (true)
        {
            var r = Next();
            if (r is ';' or ',')
            {
                Backup();
                return LexMediaSubType;
            }
            if (r == Eof)
            {
                return Errorf(Messages.DataUrlIncompleteMediaType);
            }
            if (!IsTokenRune(r))
            {
                return Errorf(Messages.DataUrlInvalidMediaSubtypeChar);
            }
        }
    }

    private State? LexMediaSubType()
    {
        if (pos > start)
        {
            Emit(Item.MediaSubType);
        }
        return LexAfterMediaSubType;
    }

    private State? LexAfterMediaSubType()
    {
        var r = Next();
        switch (r)
        {
            case ';':
                Backup();
                return LexParamSemicolon;
            case ',':
                Backup();
                return LexDataComma;
            case Eof:
                return Errorf(Messages.DataUrlMissingComma);
            default:
                return Errorf(Messages.DataUrlExpectedSemicolonOrComma);
        }
    }

    private State? LexParamSemicolon()
    {
        Next();
        Emit(Item.ParamSemicolon);
        return LexAfterParamSemicolon;
    }

    private State? LexAfterParamSemicolon()
    {
        var r = Next();
        if (r == Eof || r is '=' or ',')
        {
            return Errorf(Messages.DataUrlUnterminatedParameter);
        }
        if (IsTokenRune(r))
        {
            Backup();
            return LexInParamAttr;
        }
        return Errorf(Messages.DataUrlInvalidParamAttrChar);
    }

    private State? LexBase64Enc()
    {
        if (pos > start)
        {
            var v = Text(start, pos);
            if (v != "base64")
            {
                return Errorf(string.Format(CultureInfo.InvariantCulture, Messages.DataUrlExpectedBase64, v));
            }
            seenBase64Item = true;
            Emit(Item.Base64Enc);
        }
        return LexDataComma;
    }

    private State? LexInParamAttr()
    {
        while (true)
        {
            var r = Next();
            if (r == '=')
            {
                Backup();
                return LexParamAttr;
            }
            if (r == ',')
            {
                Backup();
                return LexBase64Enc;
            }
            if (r == Eof)
            {
                return Errorf(Messages.DataUrlUnterminatedParameter);
            }
            if (!IsTokenRune(r))
            {
                return Errorf(Messages.DataUrlInvalidParamAttrChar);
            }
        }
    }

    private State? LexParamAttr()
    {
        if (pos > start)
        {
            Emit(Item.ParamAttr);
        }
        return LexParamEqual;
    }

    private State? LexParamEqual()
    {
        Next();
        Emit(Item.ParamEqual);
        return LexAfterParamEqual;
    }

    private State? LexAfterParamEqual()
    {
        var r = Next();
        if (r == '"')
        {
            Emit(Item.LeftStringQuote);
            return LexInQuotedStringParamVal;
        }
        if (r == Eof)
        {
            return Errorf(Messages.DataUrlMissingComma);
        }
        return IsTokenRune(r) ? LexInParamVal : Errorf(Messages.DataUrlInvalidParamValueChar);
    }

    private State? LexInQuotedStringParamVal()
    {
        while (true)
        {
            var r = Next();
            if (r == Eof)
            {
                return Errorf(Messages.DataUrlUnclosedQuotedString);
            }
            if (r == '\\')
            {
                return LexEscapedChar;
            }
            if (r == '"')
            {
                Backup();
                return LexQuotedStringParamVal;
            }
            if (r > 0x7f)
            {
                return Errorf(Messages.DataUrlInvalidParamValueChar);
            }
        }
    }

    private State? LexEscapedChar()
    {
        // Go compares the eof marker (-1) as "<= MaxASCII" first, so eof never reaches its own case.
        var r = Next();
        return r <= 0x7f ? LexInQuotedStringParamVal : Errorf(Messages.DataUrlInvalidEscapedChar);
    }

    private State? LexInParamVal()
    {
        while (true)
        {
            var r = Next();
            if (r is ';' or ',')
            {
                Backup();
                return LexParamVal;
            }
            if (r == Eof)
            {
                return Errorf(Messages.DataUrlMissingComma);
            }
            if (!IsTokenRune(r))
            {
                return Errorf(Messages.DataUrlInvalidParamValueChar);
            }
        }
    }

    private State? LexQuotedStringParamVal()
    {
        if (pos > start)
        {
            Emit(Item.ParamVal);
        }
        Next();
        Emit(Item.RightStringQuote);
        return LexAfterParamVal;
    }

    private State? LexParamVal()
    {
        if (pos > start)
        {
            Emit(Item.ParamVal);
        }
        return LexAfterParamVal;
    }

    private State? LexAfterParamVal()
    {
        var r = Next();
        switch (r)
        {
            case ';':
                Backup();
                return LexParamSemicolon;
            case ',':
                Backup();
                return LexDataComma;
            case Eof:
                return Errorf(Messages.DataUrlMissingComma);
            default:
                return Errorf(Messages.DataUrlExpectedSemicolonOrComma);
        }
    }

    private State? LexDataComma()
    {
        Next();
        Emit(Item.DataComma);
        return seenBase64Item ? LexBase64Data : LexData;
    }

    private State? LexData() => LexDataWith(IsUrlCharRune);

    private State? LexBase64Data() => LexDataWith(IsBase64Rune);

    private State? LexDataWith(Func<int, bool> allowed)
    {
        while (true)
        {
            var r = Next();
            if (r == Eof)
            {
                break;
            }
            if (!allowed(r))
            {
                return Errorf(Messages.DataUrlInvalidDataChar);
            }
        }
        if (pos > start)
        {
            Emit(Item.Data);
        }
        EmitEof();
        return null;
    }

    /// <summary>The package's RFC 2396 unescaping; returns its error text or null.</summary>
    private static string? Rfc2396Unescape(ReadOnlySpan<char> s)
    {
        var i = 0;
        while (i < s.Length)
        {
            // ReadRune: a multi-byte rune is refused outright; after '%' two raw bytes must be hex.
            if (s[i] >= 0x80)
            {
                return Messages.DataUrlNonAscii;
            }
            if (s[i] != '%')
            {
                i++;
                continue;
            }
            i++;
            for (var k = 0; k < 2; k++)
            {
                if (i >= s.Length)
                {
                    return Messages.DataUrlUnexpectedEndOfEscape;
                }
                if (!char.IsAsciiHexDigit(s[i]))
                {
                    return Messages.DataUrlInvalidEscapeChar;
                }
                i++;
            }
        }
        return null;
    }

    /// <summary>Whether Go's <c>strconv.Unquote("\"" + val + "\"")</c> succeeds; <paramref name="val"/> is ASCII without a bare quote.</summary>
    private static bool GoUnquotable(ReadOnlySpan<char> val)
    {
        var s = string.Concat(val, "\"");
        var i = 0;
        while (i < s.Length && s[i] != '"')
        {
            var c = s[i];
            if (c == '\n')
            {
                return false;
            }
            if (c != '\\')
            {
                i++;
                continue;
            }
            if (i + 1 >= s.Length)
            {
                return false;
            }
            var e = s[i + 1];
            i += 2;
            switch (e)
            {
                case 'a' or 'b' or 'f' or 'n' or 'r' or 't' or 'v' or '\\' or '"':
                    break;
                case 'x' or 'u' or 'U':
                    var n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (s.Length - i < n)
                    {
                        return false;
                    }
                    long v = 0;
                    for (var j = 0; j < n; j++)
                    {
                        if (!char.IsAsciiHexDigit(s[i + j]))
                        {
                            return false;
                        }
                        v = (v << 4) | (long)HexValue(s[i + j]);
                    }
                    i += n;
                    if (e != 'x' && (v > 0x10FFFF || v is >= 0xD800 and <= 0xDFFF))
                    {
                        return false;
                    }
                    break;
                case >= '0' and <= '7':
                    if (s.Length - i < 2)
                    {
                        return false;
                    }
                    var octal = e - '0';
                    for (var j = 0; j < 2; j++)
                    {
                        var x = s[i + j] - '0';
                        if (x is < 0 or > 7)
                        {
                            return false;
                        }
                        octal = (octal << 3) | x;
                    }
                    i += 2;
                    if (octal > 255)
                    {
                        return false;
                    }
                    break;
                default:
                    return false;
            }
        }
        // The loop must stop at the closing quote we added, and nothing may follow it.
        return i == s.Length - 1;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    /// <summary>Go's <c>base64.StdEncoding.DecodeString</c> error, or null: padding required, '\r' and '\n' skipped.</summary>
    internal static string? Base64Error(ReadOnlySpan<char> src)
    {
        // The lexer let only base64 characters and '\n' through, so chars are Go's bytes.
        var si = 0;
        while (si < src.Length)
        {
            var bad = DecodeQuantum(src, ref si, out var done);
            if (bad >= 0)
            {
                return string.Format(CultureInfo.InvariantCulture, Messages.DataUrlIllegalBase64, bad);
            }
            if (done)
            {
                break;
            }
        }
        return null;
    }

    private static bool IsBase64Alphabet(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '+' or '/';

    /// <summary>One pass of Go's <c>decodeQuantum</c>; returns the offset of corrupt input or -1.</summary>
    private static long DecodeQuantum(ReadOnlySpan<char> src, ref int si, out bool done)
    {
        done = false;
        for (var j = 0; j < 4; j++)
        {
            if (src.Length == si)
            {
                if (j == 0)
                {
                    done = true;
                    return -1;
                }
                return si - j; // StdEncoding pads, so a short quantum is corrupt
            }
            var input = src[si];
            si++;
            if (IsBase64Alphabet(input))
            {
                continue;
            }
            if (input is '\n' or '\r')
            {
                j--;
                continue;
            }
            if (input != '=')
            {
                return si - 1;
            }
            switch (j)
            {
                case 0 or 1:
                    return si - 1;
                case 2:
                    while (si < src.Length && src[si] is '\n' or '\r')
                    {
                        si++;
                    }
                    if (si == src.Length)
                    {
                        return src.Length;
                    }
                    if (src[si] != '=')
                    {
                        return si - 1;
                    }
                    si++;
                    break;
            }
            while (si < src.Length && src[si] is '\n' or '\r')
            {
                si++;
            }
            if (si < src.Length)
            {
                return si; // trailing garbage
            }
            done = true;
            return -1;
        }
        return -1;
    }
}
