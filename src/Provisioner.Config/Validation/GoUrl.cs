using System.Text;

namespace Provisioner.Config.Validation;

/// <summary>
/// The parts of Go's <c>net/url.Parse</c> (Go 1.19, as Debian's Ignition 2.14 was built) that decide
/// whether Ignition accepts a URL: when parsing fails, and the scheme, opaque part and raw query when
/// it does not. Every check Go makes byte by byte is made here on UTF-16 chars, which gives the same
/// answer because all the bytes Go looks at are ASCII and non-ASCII bytes pass everywhere.
/// </summary>
internal sealed class GoUrl
{
    private GoUrl(string scheme, string opaque, string rawQuery)
    {
        Scheme = scheme;
        Opaque = opaque;
        RawQuery = rawQuery;
    }

    /// <summary>Lower-cased, as Go stores it.</summary>
    public string Scheme { get; }

    public string Opaque { get; }

    public string RawQuery { get; }

    private enum Mode
    {
        Path,
        Host,
        Zone,
        UserPassword,
        QueryComponent,
        Fragment,
    }

    /// <summary>Returns null where Go's <c>url.Parse</c> returns an error.</summary>
    public static GoUrl? Parse(string raw)
    {
        var hash = raw.IndexOf('#', StringComparison.Ordinal);
        var u = hash < 0 ? raw : raw[..hash];
        var url = ParseWithoutFragment(u);
        if (url is null)
        {
            return null;
        }
        if (hash >= 0 && hash + 1 < raw.Length && !Unescape(raw[(hash + 1)..], Mode.Fragment, out _))
        {
            return null;
        }
        return url;
    }

    private static GoUrl? ParseWithoutFragment(string raw)
    {
        foreach (var c in raw)
        {
            if (c < ' ' || c == 0x7f)
            {
                return null; // net/url: invalid control character in URL
            }
        }
        if (raw == "*")
        {
            return new GoUrl("", "", "");
        }
        if (!TryGetScheme(raw, out var scheme, out var rest))
        {
            return null; // missing protocol scheme
        }
        scheme = scheme.ToLowerInvariant();

        var rawQuery = "";
        if (rest.EndsWith('?') && rest.IndexOf('?', StringComparison.Ordinal) == rest.Length - 1)
        {
            rest = rest[..^1];
        }
        else
        {
            var q = rest.IndexOf('?', StringComparison.Ordinal);
            if (q >= 0)
            {
                rawQuery = rest[(q + 1)..];
                rest = rest[..q];
            }
        }

        if (!rest.StartsWith('/'))
        {
            if (scheme.Length > 0)
            {
                return new GoUrl(scheme, rest, rawQuery);
            }
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var segment = slash < 0 ? rest : rest[..slash];
            if (segment.Contains(':', StringComparison.Ordinal))
            {
                return null; // first path segment in URL cannot contain colon
            }
        }

        if ((scheme.Length > 0 || !rest.StartsWith("///", StringComparison.Ordinal)) && rest.StartsWith("//", StringComparison.Ordinal))
        {
            var authority = rest[2..];
            rest = "";
            var slash = authority.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                rest = authority[slash..];
                authority = authority[..slash];
            }
            if (!ParseAuthority(authority))
            {
                return null;
            }
        }
        return Unescape(rest, Mode.Path, out _) ? new GoUrl(scheme, "", rawQuery) : null;
    }

    private static bool TryGetScheme(string raw, out string scheme, out string rest)
    {
        scheme = "";
        rest = raw;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z'))
            {
                continue;
            }
            if (c is (>= '0' and <= '9') or '+' or '-' or '.')
            {
                if (i == 0)
                {
                    return true;
                }
                continue;
            }
            if (c == ':')
            {
                if (i == 0)
                {
                    return false;
                }
                scheme = raw[..i];
                rest = raw[(i + 1)..];
                return true;
            }
            return true;
        }
        return true;
    }

    private static bool ParseAuthority(string authority)
    {
        var at = authority.LastIndexOf('@');
        if (!ParseHost(at < 0 ? authority : authority[(at + 1)..]))
        {
            return false;
        }
        if (at < 0)
        {
            return true;
        }
        var userinfo = authority[..at];
        foreach (var c in userinfo)
        {
            var ok = c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9')
                or '-' or '.' or '_' or ':' or '~' or '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or ';' or '=' or '%' or '@';
            if (!ok)
            {
                return false; // net/url: invalid userinfo
            }
        }
        var colon = userinfo.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return Unescape(userinfo, Mode.UserPassword, out _);
        }
        return Unescape(userinfo[..colon], Mode.UserPassword, out _) && Unescape(userinfo[(colon + 1)..], Mode.UserPassword, out _);
    }

    private static bool ParseHost(string host)
    {
        if (host.StartsWith('['))
        {
            var close = host.LastIndexOf(']');
            if (close < 0)
            {
                return false; // missing ']' in host
            }
            if (!ValidOptionalPort(host[(close + 1)..]))
            {
                return false;
            }
            var zone = host[..close].IndexOf("%25", StringComparison.Ordinal);
            if (zone >= 0)
            {
                return Unescape(host[..zone], Mode.Host, out _)
                    && Unescape(host[zone..close], Mode.Zone, out _)
                    && Unescape(host[close..], Mode.Host, out _);
            }
        }
        else
        {
            var colon = host.LastIndexOf(':');
            if (colon >= 0 && !ValidOptionalPort(host[colon..]))
            {
                return false; // invalid port after host
            }
        }
        return Unescape(host, Mode.Host, out _);
    }

    private static bool ValidOptionalPort(string port)
    {
        if (port.Length == 0)
        {
            return true;
        }
        if (port[0] != ':')
        {
            return false;
        }
        for (var i = 1; i < port.Length; i++)
        {
            if (port[i] is < '0' or > '9')
            {
                return false;
            }
        }
        return true;
    }

    /// <summary><c>url.ParseQuery</c>: the first value of <paramref name="key"/>, or null when absent.</summary>
    public static string? FirstQueryValue(string rawQuery, string key)
    {
        var query = rawQuery;
        while (query.Length > 0)
        {
            string pair;
            var amp = query.IndexOf('&', StringComparison.Ordinal);
            if (amp >= 0)
            {
                pair = query[..amp];
                query = query[(amp + 1)..];
            }
            else
            {
                pair = query;
                query = "";
            }
            if (pair.Contains(';', StringComparison.Ordinal) || pair.Length == 0)
            {
                continue;
            }
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var k = eq < 0 ? pair : pair[..eq];
            var v = eq < 0 ? "" : pair[(eq + 1)..];
            if (!Unescape(k, Mode.QueryComponent, out var uk) || !Unescape(v, Mode.QueryComponent, out var uv))
            {
                continue;
            }
            if (uk == key)
            {
                return uv;
            }
        }
        return null;
    }

    private static bool IsHex(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');

    private static int UnHex(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => 0,
    };

    /// <summary>Go's <c>unescape</c>; the decoded text is only needed for query keys, which compare as ASCII.</summary>
    private static bool Unescape(string s, Mode mode, out string decoded)
    {
        decoded = s;
        var needsDecoding = false;
        for (var i = 0; i < s.Length;)
        {
            var c = s[i];
            if (c == '%')
            {
                needsDecoding = true;
                if (i + 2 >= s.Length || !IsHex(s[i + 1]) || !IsHex(s[i + 2]))
                {
                    return false;
                }
                var escaped = s.AsSpan(i, 3);
                if (mode == Mode.Host && UnHex(s[i + 1]) < 8 && !escaped.SequenceEqual("%25"))
                {
                    return false;
                }
                if (mode == Mode.Zone)
                {
                    var v = (char)((UnHex(s[i + 1]) << 4) | UnHex(s[i + 2]));
                    if (!escaped.SequenceEqual("%25") && v != ' ' && ShouldEscape(v, Mode.Host))
                    {
                        return false;
                    }
                }
                i += 3;
            }
            else
            {
                if (c == '+')
                {
                    needsDecoding |= mode == Mode.QueryComponent;
                }
                else if (mode is Mode.Host or Mode.Zone && c < 0x80 && ShouldEscape(c, mode))
                {
                    return false; // invalid character in host name
                }
                i++;
            }
        }
        if (needsDecoding)
        {
            var bytes = new List<byte>(s.Length);
            for (var i = 0; i < s.Length; i++)
            {
                var c = s[i];
                if (c == '%')
                {
                    bytes.Add((byte)((UnHex(s[i + 1]) << 4) | UnHex(s[i + 2])));
                    i += 2;
                }
                else if (c == '+' && mode == Mode.QueryComponent)
                {
                    bytes.Add((byte)' ');
                }
                else
                {
                    bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
                }
            }
            decoded = Encoding.UTF8.GetString(bytes.ToArray());
        }
        return true;
    }

    private static bool ShouldEscape(char c, Mode mode)
    {
        if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9'))
        {
            return false;
        }
        if (mode is Mode.Host or Mode.Zone)
        {
            switch (c)
            {
                case '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or ';' or '=' or ':' or '[' or ']' or '<' or '>' or '"':
                    return false;
            }
        }
        switch (c)
        {
            case '-' or '_' or '.' or '~':
                return false;
            case '$' or '&' or '+' or ',' or '/' or ':' or ';' or '=' or '?' or '@':
                switch (mode)
                {
                    case Mode.Path:
                        return c == '?';
                    case Mode.UserPassword:
                        return c is '@' or '/' or '?' or ':';
                    case Mode.QueryComponent:
                        return true;
                    case Mode.Fragment:
                        return false;
                }
                break;
        }
        if (mode == Mode.Fragment && c is '!' or '(' or ')' or '*')
        {
            return false;
        }
        return true;
    }
}
