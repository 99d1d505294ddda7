namespace Provisioner.Config.Validation;

/// <summary>Whether a URL's "userinfo@host:port" part is one Ignition's Go runtime accepts.</summary>
internal static class UrlAuthority
{
    // Sub-delimiters and the other ASCII punctuation Go lets through in a host name or zone.
    private const string HostPunctuation = "-._~!$&'()*+,;=:[]<>\"";

    // What may appear unescaped in userinfo (RFC 3986 unreserved, sub-delims, ':', plus '%' and '@').
    private const string UserinfoPunctuation = "-._:~!$&'()*+,;=%@";

    public static bool IsValid(string authority)
    {
        // The last '@' ends the userinfo, so a host never holds one.
        var at = authority.LastIndexOf('@');
        if (at >= 0 && !IsValidUserinfo(authority.AsSpan(0, at)))
        {
            return false;
        }
        return IsValidHostAndPort(authority.AsSpan(at + 1));
    }

    private static bool IsValidUserinfo(ReadOnlySpan<char> userinfo)
    {
        foreach (var c in userinfo)
        {
            if (!char.IsAsciiLetterOrDigit(c) && !UserinfoPunctuation.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return UrlText.EscapesAreWellFormed(userinfo);
    }

    private static bool IsValidHostAndPort(ReadOnlySpan<char> host)
    {
        if (host.StartsWith('['))
        {
            // An IP literal: everything up to the last ']' is the address (not checked as one), then an optional port.
            var close = host.LastIndexOf(']');
            if (close < 0 || !IsOptionalPort(host[(close + 1)..]))
            {
                return false;
            }
            // An IPv6 zone is introduced by an escaped '%' ("%25") and has its own escaping rules.
            var zone = host[..close].IndexOf("%25", StringComparison.Ordinal);
            return zone < 0
                ? IsValidHostText(host, zone: false)
                : IsValidHostText(host[..zone], zone: false) && IsValidHostText(host[zone..close], zone: true)
                    && IsValidHostText(host[close..], zone: false);
        }
        var colon = host.LastIndexOf(':');
        return (colon < 0 || IsOptionalPort(host[colon..])) && IsValidHostText(host, zone: false);
    }

    /// <summary>"" or ':' followed by ASCII digits only (possibly none).</summary>
    private static bool IsOptionalPort(ReadOnlySpan<char> port) =>
        port.IsEmpty || (port[0] == ':' && !port[1..].ContainsAnyExceptInRange('0', '9'));

    /// <summary>
    /// Host text allows the punctuation above and any non-ASCII character. Outside a zone, escapes may
    /// only encode non-ASCII bytes (or be "%25"); inside one they may encode a space or any byte that
    /// could have appeared literally.
    /// </summary>
    private static bool IsValidHostText(ReadOnlySpan<char> text, bool zone)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%')
            {
                if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
                {
                    return false;
                }
                var isPercent = text[i + 1] == '2' && text[i + 2] == '5';
                var decoded = (char)Convert.ToByte(text.Slice(i + 1, 2).ToString(), 16);
                var allowed = zone
                    ? isPercent || decoded == ' ' || IsHostCharacter(decoded)
                    : isPercent || decoded >= 0x80;
                if (!allowed)
                {
                    return false;
                }
                i += 2;
            }
            else if (c < 0x80 && !IsHostCharacter(c))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsHostCharacter(char c) =>
        c < 0x80 && (char.IsAsciiLetterOrDigit(c) || HostPunctuation.Contains(c, StringComparison.Ordinal));
}
