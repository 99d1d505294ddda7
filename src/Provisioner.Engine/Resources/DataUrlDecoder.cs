using System.Text;

namespace Provisioner.Engine.Resources;

/// <summary>
/// The bytes of a <c>data:</c> URL (RFC 2397) that validation has already accepted: base64 when the
/// header ends in <c>;base64</c> (line breaks allowed), else percent-decoded text where '+' stays '+'.
/// Decoded straight from the URL's characters into an array of the exact size: a files stage decodes
/// thousands of these, and every intermediate copy of a URL is garbage to collect.
/// </summary>
public static class DataUrlDecoder
{
    public static byte[] Decode(ReadOnlySpan<char> url)
    {
        if (!url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException("not a data URL");
        }
        var comma = url.IndexOf(',');
        if (comma < 0)
        {
            throw new FormatException("a data URL needs a comma before its data");
        }
        var header = url[5..comma];
        var data = url[(comma + 1)..];
        return header.EndsWith(";base64", StringComparison.OrdinalIgnoreCase) ? Base64Decode(data) : PercentDecode(data);
    }

    private static byte[] Base64Decode(ReadOnlySpan<char> text)
    {
        var significant = 0;
        var padding = 0;
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                significant++;
                padding = c == '=' ? padding + 1 : 0;
            }
        }
        if (significant % 4 != 0 || padding > 2)
        {
            throw new FormatException("the base64 data is not a whole number of 4-character groups");
        }
        var output = new byte[significant / 4 * 3 - padding];
        if (!Convert.TryFromBase64Chars(text, output, out var written) || written != output.Length)
        {
            throw new FormatException("the data is not valid base64");
        }
        return output;
    }

    private static byte[] PercentDecode(ReadOnlySpan<char> text)
    {
        var length = 0;
        for (var i = 0; i < text.Length;)
        {
            i += Step(text, i, out var bytes);
            length += bytes;
        }
        var output = new byte[length];
        var at = 0;
        for (var i = 0; i < text.Length;)
        {
            if (IsEscape(text, i))
            {
                output[at++] = (byte)((Hex(text[i + 1]) << 4) | Hex(text[i + 2]));
                i += 3;
                continue;
            }
            Rune.DecodeFromUtf16(text[i..], out var rune, out var consumed);
            at += rune.EncodeToUtf8(output.AsSpan(at));
            i += consumed;
        }
        return output;
    }

    /// <summary>How many characters at <paramref name="i"/> make one output unit, and its length in bytes.</summary>
    private static int Step(ReadOnlySpan<char> text, int i, out int bytes)
    {
        if (IsEscape(text, i))
        {
            bytes = 1;
            return 3;
        }
        // An unpaired surrogate becomes U+FFFD, as Encoding.UTF8 would write it.
        Rune.DecodeFromUtf16(text[i..], out var rune, out var consumed);
        bytes = rune.Utf8SequenceLength;
        return consumed;
    }

    private static bool IsEscape(ReadOnlySpan<char> text, int i) =>
        text[i] == '%' && i + 2 < text.Length && char.IsAsciiHexDigit(text[i + 1]) && char.IsAsciiHexDigit(text[i + 2]);

    private static int Hex(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
