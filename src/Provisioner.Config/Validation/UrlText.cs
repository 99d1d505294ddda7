using System.Text;

namespace Provisioner.Config.Validation;

/// <summary>Percent-escape helpers shared by the URL checks.</summary>
internal static class UrlText
{
    /// <summary>Every '%' is followed by two hex digits.</summary>
    public static bool EscapesAreWellFormed(ReadOnlySpan<char> text)
    {
        for (var i = text.IndexOf('%'); i >= 0; i = NextPercent(text, i + 3))
        {
            if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Decodes a form-encoded component ('+' is a space, "%XX" a byte; the bytes are read as UTF-8),
    /// or returns null when an escape is malformed.
    /// </summary>
    public static string? DecodeFormComponent(ReadOnlySpan<char> text)
    {
        if (!EscapesAreWellFormed(text))
        {
            return null;
        }
        if (!text.ContainsAny('%', '+'))
        {
            return text.ToString();
        }
        var bytes = new List<byte>(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%')
            {
                bytes.Add(Convert.ToByte(text.Slice(i + 1, 2).ToString(), 16));
                i += 2;
            }
            else if (c == '+')
            {
                bytes.Add((byte)' ');
            }
            else
            {
                var length = char.IsHighSurrogate(c) && i + 1 < text.Length
                    ? Encoding.UTF8.GetBytes(text.Slice(i++, 2), utf8)
                    : Encoding.UTF8.GetBytes(text.Slice(i, 1), utf8);
                bytes.AddRange(utf8[..length]);
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static int NextPercent(ReadOnlySpan<char> text, int from) =>
        from >= text.Length ? -1 : text[from..].IndexOf('%') is var j and >= 0 ? from + j : -1;
}
