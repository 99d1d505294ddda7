using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Provisioner.Engine.Tests.Emulation;

/// <summary>
/// A read-only TFTP server (RFC 1350, octet mode, 512-byte blocks) on 127.0.0.1: each read request is
/// answered from a new port, as the RFC wants, with the file's blocks, each sent again until acknowledged.
/// Faults: <see cref="DropOnce"/> swallows the first send of the listed blocks (the client must ask
/// again), <see cref="Silent"/> never answers, a missing file answers error 1. Requests are recorded.
/// </summary>
internal sealed class LoopbackTftpServer : IDisposable
{
    private readonly UdpClient listener = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private readonly List<string> requested = [];
    private readonly Task serving;

    public LoopbackTftpServer()
    {
        serving = Task.Run(ServeAsync);
    }

    public int Port => ((IPEndPoint)listener.Client.LocalEndPoint!).Port;

    public Dictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>Block numbers whose first send is swallowed.</summary>
    public HashSet<int> DropOnce { get; } = [];

    /// <summary>When true, read requests are ignored altogether (a server that never answers).</summary>
    public bool Silent { get; set; }

    public IReadOnlyList<string> Requested
    {
        get
        {
            lock (gate)
            {
                return [.. requested];
            }
        }
    }

    public string Url(string path) => $"tftp://127.0.0.1:{Port}{path}";

    public void Dispose()
    {
        stopping.Cancel();
        listener.Dispose();
        try
        {
            serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
        stopping.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            UdpReceiveResult packet;
            try
            {
                packet = await listener.ReceiveAsync(stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            if (packet.Buffer.Length < 4 || BinaryPrimitives.ReadUInt16BigEndian(packet.Buffer) != 1)
            {
                continue;
            }
            var fields = Encoding.ASCII.GetString(packet.Buffer, 2, packet.Buffer.Length - 2).Split('\0');
            lock (gate)
            {
                requested.Add($"{fields[0]} {fields[1]}");
            }
            if (!Silent)
            {
                _ = Task.Run(() => TransferAsync(packet.RemoteEndPoint, fields[0]));
            }
        }
    }

    private async Task TransferAsync(IPEndPoint client, string name)
    {
        try
        {
            using var transfer = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            if (!Files.TryGetValue(name, out var data))
            {
                await transfer.SendAsync(Error(1, "File not found"), client, stopping.Token);
                return;
            }
            for (ushort block = 1; ; block++)
            {
                var offset = (block - 1) * 512;
                var size = Math.Min(512, data.Length - offset);
                var packet = new byte[4 + size];
                BinaryPrimitives.WriteUInt16BigEndian(packet, 3);
                BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), block);
                data.AsSpan(offset, size).CopyTo(packet.AsSpan(4));
                while (!await SendAndAwaitAckAsync(transfer, packet, client, block))
                {
                }
                if (size < 512)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task<bool> SendAndAwaitAckAsync(UdpClient transfer, byte[] packet, IPEndPoint client, ushort block)
    {
        bool drop;
        lock (gate)
        {
            drop = DropOnce.Remove(block);
        }
        if (!drop)
        {
            await transfer.SendAsync(packet, client, stopping.Token);
        }
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        wait.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            while (true)
            {
                var answer = await transfer.ReceiveAsync(wait.Token);
                if (answer.Buffer.Length < 4 || BinaryPrimitives.ReadUInt16BigEndian(answer.Buffer) != 4)
                {
                    continue;
                }
                var acknowledged = BinaryPrimitives.ReadUInt16BigEndian(answer.Buffer.AsSpan(2));
                if (acknowledged == block)
                {
                    return true;
                }
                if (acknowledged == (ushort)(block - 1))
                {
                    // The client did not get this block and acknowledged the previous one again.
                    await transfer.SendAsync(packet, client, stopping.Token);
                }
            }
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return false;
        }
    }

    private static byte[] Error(ushort code, string message)
    {
        var packet = new byte[4 + message.Length + 1];
        BinaryPrimitives.WriteUInt16BigEndian(packet, 5);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), code);
        Encoding.ASCII.GetBytes(message).CopyTo(packet, 4);
        return packet;
    }
}
