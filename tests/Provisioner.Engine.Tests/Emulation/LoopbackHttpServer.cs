using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Provisioner.Engine.Tests.Emulation;

/// <summary>
/// A scripted HTTP/1.1 server on 127.0.0.1 and an ephemeral port, for tests that need a real network peer:
/// configs and file contents, and (through <see cref="Handle"/>) metadata services. Each path answers a
/// script of <see cref="Reply"/> values in order, the last one repeating, so "three 503s then 200" or
/// "404 until the fourth try" are one line; faults (stalls, cut bodies, dropped connections) are replies
/// too. Every request is recorded. With a certificate it speaks TLS. One request per connection, always
/// closed after the answer, which keeps each attempt of a client visible. Unknown paths answer 404.
/// </summary>
internal sealed class LoopbackHttpServer : IDisposable
{
    private readonly TcpListener listener;
    private readonly X509Certificate2? certificate;
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private readonly Dictionary<string, Func<RecordedRequest, int, Reply>> routes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> counts = new(StringComparer.Ordinal);
    private readonly List<RecordedRequest> requests = [];
    private readonly List<TcpClient> connections = [];
    private readonly Task accepting;

    /// <param name="port">0 for an ephemeral port; a given one lets a test start the server late on a port a client already tries (connection refused, then up).</param>
    public LoopbackHttpServer(X509Certificate2? certificate = null, int port = 0)
    {
        this.certificate = certificate;
        listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        accepting = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public string Scheme => certificate is null ? "http" : "https";

    /// <summary>http(s)://127.0.0.1:PORT/path.</summary>
    public string Url(string path) => $"{Scheme}://127.0.0.1:{Port}{path}";

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    /// <summary>The requests for <paramref name="path"/> (path and query, as scripted).</summary>
    public IReadOnlyList<RecordedRequest> RequestsTo(string path) => [.. Requests.Where(r => r.Path == path)];

    /// <summary>Answers <paramref name="path"/> with <paramref name="replies"/> in order; the last one repeats.</summary>
    public LoopbackHttpServer Serve(string path, params Reply[] replies)
    {
        if (replies.Length == 0)
        {
            throw new ArgumentException("a script needs at least one reply", nameof(replies));
        }
        return Handle(path, (_, n) => replies[Math.Min(n, replies.Length - 1)]);
    }

    /// <summary>Answers <paramref name="path"/> with whatever <paramref name="handler"/> makes of the request and its number (from 0).</summary>
    public LoopbackHttpServer Handle(string path, Func<RecordedRequest, int, Reply> handler)
    {
        lock (gate)
        {
            routes[path] = handler;
            counts[path] = 0;
        }
        return this;
    }

    public void Dispose()
    {
        stopping.Cancel();
        listener.Stop();
        lock (gate)
        {
            foreach (var connection in connections)
            {
                connection.Dispose();
            }
        }
        try
        {
            accepting.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            lock (gate)
            {
                connections.Add(client);
            }
            _ = Task.Run(() => ServeConnectionAsync(client));
        }
    }

    private async Task ServeConnectionAsync(TcpClient client)
    {
        try
        {
            using (client)
            {
                Stream stream = client.GetStream();
                if (certificate is not null)
                {
                    var tls = new SslStream(stream);
                    await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, stopping.Token);
                    stream = tls;
                }
                await using (stream)
                {
                    var request = await HttpWire.ReadRequestAsync(stream, stopping.Token);
                    if (request is null)
                    {
                        return;
                    }
                    request = request with { RemotePort = (client.Client.RemoteEndPoint as IPEndPoint)?.Port ?? 0 };
                    Func<RecordedRequest, int, Reply>? handler;
                    int number;
                    lock (gate)
                    {
                        requests.Add(request);
                        var key = routes.ContainsKey(request.Path) ? request.Path : request.Path.Split('?')[0];
                        routes.TryGetValue(key, out handler);
                        counts.TryGetValue(key, out number);
                        counts[key] = number + 1;
                    }
                    var reply = handler?.Invoke(request, number) ?? Reply.NotFound();
                    await SendAsync(stream, reply);
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException
            or System.Security.Authentication.AuthenticationException)
        {
            // The client went away, or the server is stopping: nothing to answer.
        }
    }

    private async Task SendAsync(Stream stream, Reply reply)
    {
        if (reply.Delay > TimeSpan.Zero)
        {
            await Task.Delay(reply.Delay, stopping.Token);
        }
        if (reply.Hangs)
        {
            await Task.Delay(Timeout.Infinite, stopping.Token);
        }
        if (reply.Drops)
        {
            return;
        }
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {reply.Status} {reply.Reason ?? ReasonPhrase(reply.Status)}\r\n");
        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {reply.DeclaredLength ?? reply.Body.Length}\r\n");
        head.Append("Connection: close\r\n");
        foreach (var (name, value) in reply.Headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }
        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), stopping.Token);
        await stream.WriteAsync(reply.Body, stopping.Token);
        await stream.FlushAsync(stopping.Token);
    }

    private static string ReasonPhrase(int status) => status switch
    {
        200 => "OK",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        406 => "Not Acceptable",
        410 => "Gone",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Status",
    };
}
