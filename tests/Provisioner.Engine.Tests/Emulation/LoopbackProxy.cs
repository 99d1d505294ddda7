using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Provisioner.Engine.Tests.Emulation;

/// <summary>
/// A forward proxy on 127.0.0.1 that sends everything to one backend, whatever host a request names, so a
/// test can fetch <c>http://files.example/x</c> without DNS: plain requests (absolute-form targets) are
/// passed on as they are, <c>CONNECT</c> opens a tunnel. The first line of every request is recorded.
/// </summary>
internal sealed class LoopbackProxy : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly int backendPort;
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private readonly List<string> requestLines = [];
    private readonly List<TcpClient> connections = [];
    private readonly Task accepting;

    public LoopbackProxy(int backendPort)
    {
        this.backendPort = backendPort;
        listener.Start();
        accepting = Task.Run(AcceptAsync);
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

    /// <summary>"GET http://files.example/x HTTP/1.1", "CONNECT files.example:443 HTTP/1.1", ...</summary>
    public IReadOnlyList<string> RequestLines
    {
        get
        {
            lock (gate)
            {
                return [.. requestLines];
            }
        }
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
            _ = Task.Run(() => RelayAsync(client));
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        try
        {
            using (client)
            using (var backend = new TcpClient())
            {
                var downstream = client.GetStream();
                var head = await HttpWire.ReadHeadAsync(downstream, stopping.Token);
                if (head is null)
                {
                    return;
                }
                var firstLine = head.Split("\r\n")[0];
                lock (gate)
                {
                    requestLines.Add(firstLine);
                    connections.Add(backend);
                }
                await backend.ConnectAsync(IPAddress.Loopback, backendPort, stopping.Token);
                var upstream = backend.GetStream();
                if (firstLine.StartsWith("CONNECT ", StringComparison.Ordinal))
                {
                    await downstream.WriteAsync("HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray(), stopping.Token);
                }
                else
                {
                    await upstream.WriteAsync(Encoding.Latin1.GetBytes(head + "\r\n\r\n"), stopping.Token);
                }
                var up = downstream.CopyToAsync(upstream, stopping.Token);
                var down = upstream.CopyToAsync(downstream, stopping.Token);
                await Task.WhenAny(up, down);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Either side went away, or the proxy is stopping.
        }
    }
}
