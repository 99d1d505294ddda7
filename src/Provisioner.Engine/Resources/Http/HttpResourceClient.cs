using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Provisioner.Config.Versions;
using Provisioner.Engine.Logging;

namespace Provisioner.Engine.Resources.Http;

/// <summary>
/// Ignition's HTTP client (internal/resource/http.go), on SocketsHttpHandler. Every request carries
/// Ignition's User-Agent, Accept and <c>Accept-Encoding: identity</c>, then the resource's own headers
/// (same name: theirs wins). A fetch is a series of attempts until one gets a final answer: a transport
/// error, no response headers within <c>httpResponseHeaders</c>, a 5xx or a status the caller names is
/// retried after a backoff of 200 ms doubling to 5 s; 200 and 204 are success, 404 is
/// <see cref="ResourceNotFoundException"/>, anything else fails. There is no limit on attempts unless
/// <c>httpTotal</c> sets a deadline for the whole fetch, which Ignition's default does not: every
/// failed attempt is therefore logged with its number and error, so a boot that waits says why.
/// Redirects (at most 10) are followed by hand because Ignition drops every header on a redirect,
/// the resource's headers and its default Accept alike, to whatever host it leads.
/// </summary>
public sealed class HttpResourceClient : IDisposable
{
    /// <summary>The Ignition release whose client this one follows, announced in the User-Agent.</summary>
    public const string IgnitionRelease = "2.26.0";

    private const int MaxRedirects = 10;

    private readonly HttpClient client;
    private readonly Log log;
    private volatile string? tlsRejection;

    /// <param name="localPort">
    /// Where given, each connection is made from the local port it returns (Scaleway serves user data only
    /// to privileged source ports); a port in use is replaced by another, as Ignition's <c>LocalPort</c>.
    /// </param>
    public HttpResourceClient(HttpSettings settings, Log log, Func<int>? localPort = null)
    {
        Settings = settings;
        this.log = log;
        var proxy = new ConfigProxy(settings.Proxy);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = HttpSettings.ConnectTimeout,
            UseCookies = false,
            // Without a proxy in the config, none at all: the environment's http_proxy is not Ignition's to read.
            UseProxy = proxy.Any,
            Proxy = proxy.Any ? proxy : null,
        };
        if (localPort is not null)
        {
            handler.ConnectCallback = (context, token) => ConnectFromPortAsync(context.DnsEndPoint, localPort, token);
        }
        handler.SslOptions.RemoteCertificateValidationCallback =
            CertificateAuthorities.Validator(settings.CertificateAuthorities, reason => tlsRejection = reason);
        client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary><c>Ignition/2.26.0 Provisioner/VERSION</c>: servers that look for Ignition's token find it.</summary>
    public static string UserAgent { get; } = $"Ignition/{IgnitionRelease} Provisioner/{ProductInfo.Version}";

    /// <summary>Ignition's Accept: its newest stable config spec first, anything else after.</summary>
    public static string Accept { get; } = $"application/vnd.coreos.ignition+json;version={SpecVersion.NewestStable}, */*;q=0.1";

    public HttpSettings Settings { get; }

    /// <summary>
    /// The body of a successful answer, as it arrives; <paramref name="what"/> names the resource in
    /// errors ("file /etc/motd"). The caller disposes the stream.
    /// </summary>
    public Stream Open(HttpFetchRequest request, string what)
    {
        var name = $"{request.Method} {ResourceSource.Describe(request.Url.OriginalString)}";
        var prefix = $"{what}: {name}";
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(request.Cancellation);
        if (Settings.TotalTimeout > TimeSpan.Zero)
        {
            deadline.CancelAfter(Settings.TotalTimeout);
        }
        try
        {
            var lastError = "no answer yet";
            for (var attempt = 1; ; attempt++)
            {
                HttpResponseMessage? response = null;
                tlsRejection = null;
                try
                {
                    response = Send(request, deadline.Token, name, prefix);
                }
                catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
                {
                    if (!deadline.IsCancellationRequested)
                    {
                        lastError = e is OperationCanceledException
                            ? $"no response headers within {Duration(Settings.ResponseHeaderTimeout)}"
                            : FailureText.Of(e, tlsRejection);
                    }
                }
                if (response is not null)
                {
                    var status = (int)response.StatusCode;
                    var text = $"{status} {response.ReasonPhrase}";
                    if (status < 500 && !request.RetryCodes.Contains(status))
                    {
                        log.Info($"{name} attempt {attempt}: {text}");
                        request.Answered?.Invoke(status, response.Headers);
                        if (status is 200 or 204 || request.AcceptedCodes.Contains(status))
                        {
                            return new HttpBodyStream(response, deadline, prefix, $"unable to fetch resource in time (httpTotal {Duration(Settings.TotalTimeout)})");
                        }
                        response.Dispose();
                        throw status == 404
                            ? new ResourceNotFoundException($"{prefix}: resource not found ({text})", request.Url.OriginalString)
                            : new HttpStatusException($"{prefix}: failed to fetch resource ({text})", status);
                    }
                    response.Dispose();
                    lastError = text;
                }
                var wait = Settings.Backoff.After(attempt);
                if (!deadline.IsCancellationRequested)
                {
                    log.Warning(request.WaitingFor is { } waiting
                        ? $"waiting for {waiting}: attempt {attempt}, last error: {lastError}; next attempt in {Duration(wait)} ({name})"
                        : $"{name} attempt {attempt}: {lastError}; next attempt in {Duration(wait)}");
                }
                if (deadline.IsCancellationRequested || deadline.Token.WaitHandle.WaitOne(wait))
                {
                    request.Cancellation.ThrowIfCancellationRequested();
                    throw new StageFailedException(
                        $"{prefix}: unable to fetch resource in time (httpTotal {Duration(Settings.TotalTimeout)}, {attempt} attempts; last error: {lastError})");
                }
            }
        }
        catch
        {
            deadline.Dispose();
            throw;
        }
    }

    /// <summary>Reads the whole body of a successful answer.</summary>
    public byte[] Read(HttpFetchRequest request, string what)
    {
        using var body = Open(request, what);
        using var copy = new MemoryStream();
        body.CopyTo(copy);
        return copy.ToArray();
    }

    public void Dispose() => client.Dispose();

    /// <summary>One attempt: the request, then its redirects; the headers of the final answer, body unread.</summary>
    private HttpResponseMessage Send(HttpFetchRequest request, CancellationToken deadline, string name, string prefix)
    {
        var url = request.Url;
        var method = request.Method;
        var body = request.Body;
        for (var hop = 0; ; hop++)
        {
            using var message = new HttpRequestMessage(new HttpMethod(method), url) { Version = HttpVersion.Version11 };
            message.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
            message.Headers.TryAddWithoutValidation("Accept-Encoding", "identity");
            if (hop == 0)
            {
                message.Headers.TryAddWithoutValidation("Accept", Accept);
                foreach (var (header, value) in request.Headers)
                {
                    message.Headers.Remove(header);
                    if (!message.Headers.TryAddWithoutValidation(header, value))
                    {
                        log.Warning($"{name}: header {header} cannot be sent on a request without a body; left out");
                    }
                }
            }
            if (body is not null)
            {
                message.Content = new ByteArrayContent(body);
            }
            HttpResponseMessage response;
            using (var headerTimer = CancellationTokenSource.CreateLinkedTokenSource(deadline))
            {
                if (Settings.ResponseHeaderTimeout > TimeSpan.Zero)
                {
                    headerTimer.CancelAfter(Settings.ResponseHeaderTimeout);
                }
                response = client.Send(message, HttpCompletionOption.ResponseHeadersRead, headerTimer.Token);
            }
            var status = (int)response.StatusCode;
            if (status is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is not { } location)
            {
                return response;
            }
            response.Dispose();
            var next = new Uri(url, location);
            if (hop >= MaxRedirects)
            {
                throw new StageFailedException($"{prefix}: stopped after {MaxRedirects} redirects");
            }
            if (next.Scheme is not ("http" or "https"))
            {
                throw new StageFailedException($"{prefix}: redirected to {ResourceSource.Describe(next.OriginalString)}, which is not http or https");
            }
            log.Info($"{name}: {status} redirect to {ResourceSource.Describe(next.OriginalString)}; its headers are not sent there");
            if (status is 301 or 302 or 303 && method is not ("GET" or "HEAD"))
            {
                method = "GET";
                body = null;
            }
            url = next;
        }
    }

    private static async ValueTask<Stream> ConnectFromPortAsync(DnsEndPoint endpoint, Func<int> localPort, CancellationToken token)
    {
        var addresses = await Dns.GetHostAddressesAsync(endpoint.Host, token).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }
        var address = addresses[0];
        while (true)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                var any = address.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;
                socket.Bind(new IPEndPoint(any, localPort()));
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), token).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                socket.Dispose();
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
    }

    /// <summary>"200 ms", "5 s", "1.5 s".</summary>
    public static string Duration(TimeSpan span) => span < TimeSpan.FromSeconds(1)
        ? span.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms"
        : span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";
}
