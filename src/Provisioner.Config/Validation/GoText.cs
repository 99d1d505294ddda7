using System.Globalization;
using System.Text;
using System.Text.Json;

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
    /// Whether <paramref name="text"/> is one JSON document as Go's <c>json.Unmarshal</c> into an
    /// <c>any</c> accepts it: nesting up to 10000, and every number finite as a float64.
    /// </summary>
    public static bool IsJson(string text)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), new JsonReaderOptions { MaxDepth = 10000 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.Number && !(reader.TryGetDouble(out var number) && double.IsFinite(number)))
                {
                    return false;
                }
            }
            return reader.BytesConsumed > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
