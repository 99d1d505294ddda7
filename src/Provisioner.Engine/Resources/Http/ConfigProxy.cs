using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Provisioner.Config.Model;

namespace Provisioner.Engine.Resources.Http;

/// <summary>
/// The proxy a config's <c>ignition.proxy</c> picks for a URL, by the rules of the Go library Ignition
/// uses: http URLs go through <c>httpProxy</c> and https URLs through <c>httpsProxy</c> only (no fallback
/// between them); <c>localhost</c> and loopback addresses never go through a proxy; a <c>noProxy</c>
/// entry is <c>*</c>, an IP, a CIDR, a domain (itself and its subdomains) or <c>.domain</c> (subdomains
/// only), each with an optional <c>:port</c>. The process environment (<c>http_proxy</c>...) is never read.
/// </summary>
public sealed class ConfigProxy : IWebProxy
{
    private readonly Uri? http;
    private readonly Uri? https;
    private readonly bool bypassAll;
    private readonly List<(IPAddress Address, string Port)> addresses = [];
    private readonly List<(IPAddress Network, int Bits)> networks = [];
    private readonly List<(string Suffix, bool MatchesItself, string Port)> domains = [];

    public ConfigProxy(Proxy proxy)
    {
        http = Parse(proxy.HttpProxy);
        https = Parse(proxy.HttpsProxy);
        foreach (var raw in proxy.NoProxy)
        {
            var entry = raw.Trim().ToLowerInvariant();
            if (entry.Length == 0)
            {
                continue;
            }
            if (entry == "*")
            {
                bypassAll = true;
                return;
            }
            if (ParseCidr(entry) is { } network)
            {
                networks.Add(network);
                continue;
            }
            var (host, port) = SplitPort(entry);
            if (IPAddress.TryParse(host, out var address))
            {
                addresses.Add((address, port));
                continue;
            }
            if (host.Length == 0)
            {
                continue;
            }
            if (host.StartsWith("*.", StringComparison.Ordinal))
            {
                host = host[1..];
            }
            var matchesItself = host[0] != '.';
            domains.Add((matchesItself ? "." + host : host, matchesItself, port));
        }
    }

    /// <summary>True when the config names any proxy at all: without one, no proxy is ever asked.</summary>
    public bool Any => http is not null || https is not null;

    /// <summary>Basic credentials from the proxy URL's user info, as Go sends them.</summary>
    public ICredentials? Credentials { get; set; } = new UserInfoCredentials();

    public Uri? GetProxy(Uri destination)
    {
        var proxy = destination.Scheme switch
        {
            "https" => https,
            "http" => http,
            _ => null,
        };
        return proxy is not null && Uses(destination) ? proxy : null;
    }

    public bool IsBypassed(Uri host) => GetProxy(host) is null;

    private bool Uses(Uri destination)
    {
        var host = destination.IdnHost.ToLowerInvariant();
        if (host == "localhost")
        {
            return false;
        }
        var port = destination.Port.ToString(CultureInfo.InvariantCulture);
        if (IPAddress.TryParse(host.Trim('[', ']'), out var ip))
        {
            if (IPAddress.IsLoopback(ip))
            {
                return false;
            }
            if (bypassAll || addresses.Any(a => a.Address.Equals(ip) && (a.Port.Length == 0 || a.Port == port)) || networks.Any(n => Contains(n, ip)))
            {
                return false;
            }
            return true;
        }
        return !bypassAll && !domains.Any(d => (host.EndsWith(d.Suffix, StringComparison.Ordinal) || (d.MatchesItself && host == d.Suffix[1..]))
            && (d.Port.Length == 0 || d.Port == port));
    }

    /// <summary>A proxy setting as Go reads it: a value without a scheme or host is taken as <c>http://value</c>; an unusable one is no proxy.</summary>
    private static Uri? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Host.Length > 0)
        {
            return uri;
        }
        return Uri.TryCreate("http://" + value, UriKind.Absolute, out uri) && uri.Host.Length > 0 ? uri : null;
    }

    private static (string Host, string Port) SplitPort(string entry)
    {
        if (entry.StartsWith('['))
        {
            var close = entry.IndexOf(']', StringComparison.Ordinal);
            if (close > 0 && close + 1 < entry.Length && entry[close + 1] == ':')
            {
                return (entry[1..close], entry[(close + 2)..]);
            }
            return (entry.Trim('[', ']'), "");
        }
        var colon = entry.LastIndexOf(':');
        // More than one colon without brackets is a bare IPv6 address, not host:port.
        return colon > 0 && entry.IndexOf(':', StringComparison.Ordinal) == colon ? (entry[..colon], entry[(colon + 1)..]) : (entry, "");
    }

    private static (IPAddress, int)? ParseCidr(string entry)
    {
        var slash = entry.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPAddress.TryParse(entry[..slash], out var network)
            || !int.TryParse(entry[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var bits)
            || bits > (network.AddressFamily == AddressFamily.InterNetwork ? 32 : 128))
        {
            return null;
        }
        return (network, bits);
    }

    private static bool Contains((IPAddress Network, int Bits) cidr, IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }
        if (ip.AddressFamily != cidr.Network.AddressFamily)
        {
            return false;
        }
        var a = cidr.Network.GetAddressBytes();
        var b = ip.GetAddressBytes();
        for (var bit = 0; bit < cidr.Bits; bit++)
        {
            var mask = 0x80 >> (bit % 8);
            if ((a[bit / 8] & mask) != (b[bit / 8] & mask))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The user and password written in the proxy URL the handler asks about.</summary>
    private sealed class UserInfoCredentials : ICredentials
    {
        public NetworkCredential? GetCredential(Uri uri, string authType)
        {
            if (uri.UserInfo.Length == 0)
            {
                return null;
            }
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            return colon < 0
                ? new NetworkCredential(Uri.UnescapeDataString(uri.UserInfo), "")
                : new NetworkCredential(Uri.UnescapeDataString(uri.UserInfo[..colon]), Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]));
        }
    }
}
