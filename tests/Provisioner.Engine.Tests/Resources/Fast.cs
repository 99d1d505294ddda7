using System.Net;
using System.Net.Sockets;
using Provisioner.Config.Model;
using Provisioner.Engine.Logging;
using Provisioner.Engine.Resources;
using Provisioner.Engine.Resources.Http;
using Provisioner.Engine.Tests.Logging;

namespace Provisioner.Engine.Tests.Resources;

/// <summary>Fetchers and clients with Ignition's behaviour but short waits, and a port nothing listens on.</summary>
internal static class Fast
{
    public static RetryBackoff Backoff { get; } = new(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(40));

    /// <summary>A fetcher with short waits; TFTP's per-packet wait stays a second unless a test shortens it, since a
    /// loaded machine (CI runs test classes in parallel) can miss a shorter one and resend a request.</summary>
    public static ResourceFetcher Fetcher(ListLogSink log, bool offline = false, int tftpTimeoutMs = 1000) =>
        new() { Log = new Log(log), Backoff = Backoff, Offline = offline, TftpTimeout = TimeSpan.FromMilliseconds(tftpTimeoutMs) };

    public static HttpResourceClient Client(ListLogSink log, HttpSettings? settings = null) =>
        new((settings ?? new HttpSettings()) with { Backoff = Backoff }, new Log(log));

    /// <summary>A fetcher whose fetches give up after <paramref name="seconds"/> (httpTotal), for tests where a server never answers well.</summary>
    public static ResourceFetcher Bounded(ListLogSink log, long seconds)
    {
        var fetcher = Fetcher(log);
        fetcher.Configure(new IgnitionSection { Timeouts = { HttpTotal = seconds } });
        return fetcher;
    }

    public static Resource Resource(string source, string? hash = null, string? compression = null, params (string Name, string? Value)[] headers) => new()
    {
        Source = source,
        Compression = compression,
        Verification = { Hash = hash },
        HttpHeaders = [.. headers.Select(h => new HttpHeader { Name = h.Name, Value = h.Value })],
    };

    /// <summary>A loopback port that was free a moment ago: connecting to it is refused.</summary>
    public static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
