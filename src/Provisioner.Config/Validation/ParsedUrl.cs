namespace Provisioner.Config.Validation;

/// <summary>
/// A URL reference split the way Ignition's Go runtime splits it (RFC 3986 with Go's leniencies): only
/// what the validators need is kept. <see cref="Parse"/> returns null exactly where Ignition reports
/// "unable to parse url".
/// </summary>
internal sealed class ParsedUrl
{
    private ParsedUrl(string scheme, string opaque, string rawQuery)
    {
        Scheme = scheme;
        Opaque = opaque;
        RawQuery = rawQuery;
    }

    /// <summary>The scheme, lower-cased; "" for a relative reference.</summary>
    public string Scheme { get; }

    /// <summary>Everything between "scheme:" and the query when it does not start with '/'; else "".</summary>
    public string Opaque { get; }

    /// <summary>The text after the first '?' (before any '#'), still escaped.</summary>
    public string RawQuery { get; }

    public static ParsedUrl? Parse(string raw)
    {
        var hash = raw.IndexOf('#', StringComparison.Ordinal);
        var reference = hash < 0 ? raw : raw[..hash];
        // The fragment only has to have well-formed escapes; control characters there are tolerated.
        if (hash >= 0 && !UrlText.EscapesAreWellFormed(raw.AsSpan(hash + 1)))
        {
            return null;
        }
        if (reference.AsSpan().IndexOfAnyInRange('\0', '\u001f') >= 0 || reference.Contains('\u007f', StringComparison.Ordinal))
        {
            return null;
        }
        if (!SplitScheme(reference, out var scheme, out var rest))
        {
            return null;
        }
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        var query = question < 0 ? "" : rest[(question + 1)..];
        var hierarchy = question < 0 ? rest : rest[..question];

        if (!hierarchy.StartsWith('/'))
        {
            if (scheme.Length > 0)
            {
                return new ParsedUrl(scheme, hierarchy, query); // "mailto:x", "arn:aws:...": never looked into
            }
            // A relative path whose first segment has a colon would read as a scheme.
            var slash = hierarchy.IndexOf('/', StringComparison.Ordinal);
            if ((slash < 0 ? hierarchy : hierarchy[..slash]).Contains(':', StringComparison.Ordinal))
            {
                return null;
            }
        }

        var path = hierarchy;
        // "//" opens an authority, except that a scheme-less "///x" stays a path.
        if (hierarchy.StartsWith("//", StringComparison.Ordinal) && (scheme.Length > 0 || !hierarchy.StartsWith("///", StringComparison.Ordinal)))
        {
            var end = hierarchy.IndexOf('/', 2);
            var authority = end < 0 ? hierarchy[2..] : hierarchy[2..end];
            if (!UrlAuthority.IsValid(authority))
            {
                return null;
            }
            path = end < 0 ? "" : hierarchy[end..];
        }
        return UrlText.EscapesAreWellFormed(path) ? new ParsedUrl(scheme, "", query) : null;
    }

    /// <summary>
    /// The first value of <paramref name="key"/> in an application/x-www-form-urlencoded query, or null when
    /// no well-formed pair has that key. Pairs containing ';' or with bad escapes are dropped, as Go drops them.
    /// </summary>
    public static string? FirstQueryValue(string rawQuery, string key)
    {
        foreach (var range in rawQuery.AsSpan().Split('&'))
        {
            var pair = rawQuery.AsSpan(range);
            if (pair.IsEmpty || pair.Contains(';'))
            {
                continue;
            }
            var equals = pair.IndexOf('=');
            var rawKey = equals < 0 ? pair : pair[..equals];
            var rawValue = equals < 0 ? [] : pair[(equals + 1)..];
            if (UrlText.DecodeFormComponent(rawKey) is { } decodedKey && UrlText.DecodeFormComponent(rawValue) is { } value
                && decodedKey == key)
            {
                return value;
            }
        }
        return null;
    }

    /// <summary>
    /// A scheme is a letter followed by letters, digits, '+', '-' or '.', then ':'. A reference that
    /// starts with ':' is malformed; anything else without that shape is scheme-less.
    /// </summary>
    private static bool SplitScheme(string reference, out string scheme, out string rest)
    {
        scheme = "";
        rest = reference;
        if (reference.StartsWith(':'))
        {
            return false;
        }
        if (reference.Length == 0 || !char.IsAsciiLetter(reference[0]))
        {
            return true;
        }
        for (var i = 1; i < reference.Length; i++)
        {
            var c = reference[i];
            if (c == ':')
            {
                scheme = reference[..i].ToLowerInvariant();
                rest = reference[(i + 1)..];
                return true;
            }
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return true;
            }
        }
        return true;
    }
}
