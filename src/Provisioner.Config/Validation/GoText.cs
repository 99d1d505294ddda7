using System.Globalization;
using System.Text;

namespace Provisioner.Config.Validation;

/// <summary>Go's text helpers whose output ends up in Ignition's messages or verdicts.</summary>
internal static class GoText
{
    /// <summary>Length in bytes of the UTF-8 encoding, which is what Go's <c>len(string)</c> counts.</summary>
    public static int ByteLength(string s) => Encoding.UTF8.GetByteCount(s);

    /// <summary><c>strconv.Quote</c> (what <c>%q</c> prints).</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        sb.Append('"');
        foreach (var rune in s.EnumerateRunes())
        {
            var r = rune.Value;
            if (r is '"' or '\\')
            {
                sb.Append('\\').Append((char)r);
                continue;
            }
            if (IsPrint(r))
            {
                sb.Append(rune.ToString());
                continue;
            }
            switch (r)
            {
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\v': sb.Append("\\v"); break;
                default:
                    if (r < ' ' || r == 0x7f)
                    {
                        sb.Append("\\x").Append(r.ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else if (r < 0x10000)
                    {
                        sb.Append("\\u").Append(r.ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append("\\U").Append(r.ToString("x8", CultureInfo.InvariantCulture));
                    }
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    /// <summary><c>unicode.IsPrint</c>: letters, marks, numbers, punctuation, symbols and the ASCII space.</summary>
    private static bool IsPrint(int r)
    {
        if (r == ' ')
        {
            return true;
        }
        return CharUnicodeInfo.GetUnicodeCategory(r) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
                or UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
                or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
                or UnicodeCategory.OtherPunctuation
                or UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol
                or UnicodeCategory.OtherSymbol => true,
            _ => false,
        };
    }

    /// <summary>
    /// Whether Go's <c>json.Unmarshal</c> into an <c>any</c> accepts <paramref name="text"/>: RFC 8259
    /// syntax, nesting up to 10000, and every number finite as a float64.
    /// </summary>
    public static bool IsGoJson(string text)
    {
        var s = Encoding.UTF8.GetBytes(text);
        var i = 0;
        SkipSpace(s, ref i);
        var stack = new Stack<byte>();
        // Expect a value.
        while (true)
        {
            if (!ParseScalarOrOpen(s, ref i, stack, out var opened))
            {
                return false;
            }
            if (opened)
            {
                if (stack.Count > 10000)
                {
                    return false;
                }
                SkipSpace(s, ref i);
                var close = stack.Peek() == '{' ? (byte)'}' : (byte)']';
                if (i < s.Length && s[i] == close)
                {
                    i++;
                    stack.Pop();
                }
                else
                {
                    if (stack.Peek() == '{' && !ParseKey(s, ref i))
                    {
                        return false;
                    }
                    continue;
                }
            }
            // After a value: close containers or move to the next element.
            while (true)
            {
                SkipSpace(s, ref i);
                if (stack.Count == 0)
                {
                    return i == s.Length;
                }
                if (i >= s.Length)
                {
                    return false;
                }
                var top = stack.Peek();
                if (s[i] == ',')
                {
                    i++;
                    SkipSpace(s, ref i);
                    if (top == '{' && !ParseKey(s, ref i))
                    {
                        return false;
                    }
                    break;
                }
                if ((top == '{' && s[i] == '}') || (top == '[' && s[i] == ']'))
                {
                    i++;
                    stack.Pop();
                    continue;
                }
                return false;
            }
        }
    }

    private static void SkipSpace(byte[] s, ref int i)
    {
        while (i < s.Length && s[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }
    }

    private static bool ParseKey(byte[] s, ref int i)
    {
        SkipSpace(s, ref i);
        if (i >= s.Length || s[i] != '"' || !ParseString(s, ref i))
        {
            return false;
        }
        SkipSpace(s, ref i);
        if (i >= s.Length || s[i] != ':')
        {
            return false;
        }
        i++;
        SkipSpace(s, ref i);
        return true;
    }

    private static bool ParseScalarOrOpen(byte[] s, ref int i, Stack<byte> stack, out bool opened)
    {
        opened = false;
        SkipSpace(s, ref i);
        if (i >= s.Length)
        {
            return false;
        }
        switch (s[i])
        {
            case (byte)'{' or (byte)'[':
                stack.Push(s[i]);
                i++;
                opened = true;
                return true;
            case (byte)'"':
                return ParseString(s, ref i);
            case (byte)'t':
                return Literal(s, ref i, "true"u8);
            case (byte)'f':
                return Literal(s, ref i, "false"u8);
            case (byte)'n':
                return Literal(s, ref i, "null"u8);
            default:
                return ParseNumber(s, ref i);
        }
    }

    private static bool Literal(byte[] s, ref int i, ReadOnlySpan<byte> word)
    {
        if (!s.AsSpan(i).StartsWith(word))
        {
            return false;
        }
        i += word.Length;
        return true;
    }

    private static bool ParseString(byte[] s, ref int i)
    {
        i++; // opening quote
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '"')
            {
                i++;
                return true;
            }
            if (c < 0x20)
            {
                return false;
            }
            if (c == '\\')
            {
                if (i + 1 >= s.Length)
                {
                    return false;
                }
                var e = s[i + 1];
                if (e is (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t')
                {
                    i += 2;
                    continue;
                }
                if (e != 'u' || i + 5 >= s.Length)
                {
                    return false;
                }
                for (var k = 2; k < 6; k++)
                {
                    if (!Uri.IsHexDigit((char)s[i + k]))
                    {
                        return false;
                    }
                }
                i += 6;
                continue;
            }
            i++;
        }
        return false;
    }

    private static bool ParseNumber(byte[] s, ref int i)
    {
        var begin = i;
        if (i < s.Length && s[i] == '-')
        {
            i++;
        }
        if (i >= s.Length || !IsDigit(s[i]))
        {
            return false;
        }
        if (s[i] == '0')
        {
            i++;
        }
        else
        {
            while (i < s.Length && IsDigit(s[i]))
            {
                i++;
            }
        }
        if (i < s.Length && s[i] == '.')
        {
            i++;
            if (i >= s.Length || !IsDigit(s[i]))
            {
                return false;
            }
            while (i < s.Length && IsDigit(s[i]))
            {
                i++;
            }
        }
        if (i < s.Length && s[i] is (byte)'e' or (byte)'E')
        {
            i++;
            if (i < s.Length && s[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }
            if (i >= s.Length || !IsDigit(s[i]))
            {
                return false;
            }
            while (i < s.Length && IsDigit(s[i]))
            {
                i++;
            }
        }
        // Go decodes into float64 and refuses a number that overflows it.
        var number = Encoding.ASCII.GetString(s, begin, i - begin);
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value);
    }

    private static bool IsDigit(byte c) => c is >= (byte)'0' and <= (byte)'9';
}
