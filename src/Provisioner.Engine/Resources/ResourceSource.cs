namespace Provisioner.Engine.Resources;

/// <summary>What can be told about a resource's source without fetching it: its scheme, whether it needs a network, how to log it.</summary>
public static class ResourceSource
{
    /// <summary>The scheme in lower case (<c>https</c>, <c>data</c>, <c>arn</c>); empty for the empty source.</summary>
    public static string Scheme(string? source)
    {
        if (string.IsNullOrEmpty(source))
        {
            return "";
        }
        var colon = source.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? "" : source[..colon].ToLowerInvariant();
    }

    /// <summary>True when <paramref name="source"/> can be read without a network: a data URL or the empty source.</summary>
    public static bool IsLocal(string? source) => string.IsNullOrEmpty(source) || Scheme(source) == "data";

    /// <summary>
    /// A source as it may be logged: a data URL's payload is config contents and a URL's password is a
    /// secret, so only a data URL's header is kept and a password becomes <c>***</c>.
    /// </summary>
    public static string Describe(string source)
    {
        if (Scheme(source) == "data")
        {
            var comma = source.IndexOf(',', StringComparison.Ordinal);
            return (comma < 0 ? source : source[..(comma + 1)]) + "…";
        }
        var authority = source.IndexOf("://", StringComparison.Ordinal);
        if (authority < 0)
        {
            return source;
        }
        var start = authority + 3;
        var end = source.IndexOfAny(['/', '?', '#'], start);
        var at = source.LastIndexOf('@', end < 0 ? source.Length - 1 : end - 1);
        if (at < start)
        {
            return source;
        }
        var colon = source.IndexOf(':', start, at - start);
        return colon < 0 ? source : string.Concat(source.AsSpan(0, colon + 1), "***", source.AsSpan(at));
    }
}
