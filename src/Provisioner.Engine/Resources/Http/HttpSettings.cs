using System.Security.Cryptography.X509Certificates;
using Provisioner.Config.Model;

namespace Provisioner.Engine.Resources.Http;

/// <summary>
/// How HTTP fetches are made, from a config's <c>ignition</c> section (<c>timeouts</c>, <c>proxy</c>,
/// <c>security.tls</c>); the defaults are Ignition's.
/// </summary>
public sealed record HttpSettings
{
    /// <summary>Ignition's <c>httpResponseHeaders</c> default.</summary>
    public static readonly TimeSpan DefaultResponseHeaderTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Ignition's dial timeout; .NET counts the TLS handshake and a proxy tunnel in it too.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long one request may wait for the response headers; zero waits for ever.</summary>
    public TimeSpan ResponseHeaderTimeout { get; init; } = DefaultResponseHeaderTimeout;

    /// <summary>How long a whole fetch may take, every attempt and the body included; zero (Ignition's default) is no limit.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.Zero;

    public Proxy Proxy { get; init; } = new();

    /// <summary>Trusted for HTTPS besides the system's store.</summary>
    public IReadOnlyList<X509Certificate2> CertificateAuthorities { get; init; } = [];

    public RetryBackoff Backoff { get; init; } = RetryBackoff.Ignition;

    /// <summary>The timeouts a config asks for; an absent one is Ignition's default.</summary>
    public HttpSettings WithTimeouts(Timeouts timeouts) => this with
    {
        ResponseHeaderTimeout = timeouts.HttpResponseHeaders is { } headers ? Seconds(headers) : DefaultResponseHeaderTimeout,
        TotalTimeout = timeouts.HttpTotal is { } total ? Seconds(total) : TimeSpan.Zero,
    };

    private static TimeSpan Seconds(long seconds) => seconds <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(seconds);
}
