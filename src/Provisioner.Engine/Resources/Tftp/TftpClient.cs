using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Provisioner.Engine.Logging;

namespace Provisioner.Engine.Resources.Tftp;

/// <summary>
/// A TFTP read (RFC 1350), as Ignition fetches <c>tftp://host[:port]/path</c>: a read request for the
/// URL's path (leading slash kept) in octet mode to port 69 unless the URL says otherwise, then 512-byte
/// blocks each acknowledged, from the port the server answered on, until a shorter block ends the file.
/// No options are negotiated, as Ignition's library asks for none. Silence is bounded: the last packet
/// is sent again after each <see cref="Timeout"/>, at most <see cref="Retries"/> times in a row.
/// </summary>
public sealed class TftpClient(Log log)
{
    private const int BlockSize = 512;
    private const ushort ReadRequest = 1;
    private const ushort Data = 3;
    private const ushort Acknowledgement = 4;
    private const ushort Error = 5;

    /// <summary>How long to wait for the next packet; the default is that of Ignition's TFTP library.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How many times the last packet is sent again when nothing comes back.</summary>
    public int Retries { get; init; } = 5;

    /// <summary>The file's bytes; <paramref name="what"/> names the resource in errors.</summary>
    public byte[] Read(Uri url, string what)
    {
        var prefix = $"{what}: {url.OriginalString}";
        var path = Uri.UnescapeDataString(url.AbsolutePath);
        var server = new IPEndPoint(Resolve(url.IdnHost, prefix), url.Port < 0 ? 69 : url.Port);
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(server.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0));
        socket.ReceiveTimeout = (int)Timeout.TotalMilliseconds;

        var last = RequestPacket(path);
        EndPoint lastTo = server;
        IPEndPoint? peer = null;
        var expected = (ushort)1;
        var silences = 0;
        var buffer = new byte[4 + BlockSize + 64];
        using var contents = new MemoryStream();
        socket.SendTo(last, lastTo);
        while (true)
        {
            EndPoint from = new IPEndPoint(server.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
            int length;
            try
            {
                length = socket.ReceiveFrom(buffer, ref from);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock or SocketError.ConnectionRefused)
            {
                if (++silences > Retries)
                {
                    throw new StageFailedException($"{prefix}: no answer after {Retries + 1} tries ({e.SocketErrorCode})");
                }
                log.Warning($"TFTP {url.OriginalString}: no answer for block {expected} (try {silences}); sending again");
                socket.SendTo(last, lastTo);
                continue;
            }
            var sender = (IPEndPoint)from;
            if (!sender.Address.Equals(server.Address))
            {
                continue;
            }
            if (peer is null)
            {
                peer = sender;
            }
            else if (sender.Port != peer.Port)
            {
                // RFC 1350: a packet from another port is not this transfer's; tell that sender, go on.
                socket.SendTo(ErrorPacket(5, "Unknown transfer ID"), sender);
                continue;
            }
            if (length < 4)
            {
                throw new StageFailedException($"{prefix}: the server sent a packet too short to be TFTP");
            }
            var opcode = BinaryPrimitives.ReadUInt16BigEndian(buffer);
            var number = BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(2));
            if (opcode == Error)
            {
                var message = Encoding.ASCII.GetString(buffer, 4, length - 4).TrimEnd('\0');
                throw number == 1
                    ? new ResourceNotFoundException($"{prefix}: resource not found (TFTP error 1: {message})", url.OriginalString)
                    : new StageFailedException($"{prefix}: TFTP error {number}: {message}");
            }
            if (opcode != Data)
            {
                throw new StageFailedException($"{prefix}: the server sent TFTP opcode {opcode} where data was expected");
            }
            if (number == (ushort)(expected - 1) && expected != 1)
            {
                // Our acknowledgement was lost: the server sends the block again.
                socket.SendTo(last, lastTo);
                continue;
            }
            if (number != expected)
            {
                continue;
            }
            var size = length - 4;
            if (size > BlockSize)
            {
                throw new StageFailedException($"{prefix}: the server sent a block of {size} bytes (TFTP blocks are {BlockSize})");
            }
            contents.Write(buffer, 4, size);
            last = AcknowledgementPacket(number);
            lastTo = peer;
            silences = 0;
            socket.SendTo(last, lastTo);
            if (size < BlockSize)
            {
                return contents.ToArray();
            }
            expected++;
        }
    }

    private static IPAddress Resolve(string host, string prefix)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            return address;
        }
        try
        {
            return Dns.GetHostAddresses(host).FirstOrDefault()
                ?? throw new StageFailedException($"{prefix}: the host {host} has no address");
        }
        catch (SocketException e)
        {
            throw new StageFailedException($"{prefix}: cannot resolve {host}: {e.Message}");
        }
    }

    private static byte[] RequestPacket(string path)
    {
        var name = Encoding.UTF8.GetBytes(path);
        var mode = "octet"u8;
        var packet = new byte[2 + name.Length + 1 + mode.Length + 1];
        BinaryPrimitives.WriteUInt16BigEndian(packet, ReadRequest);
        name.CopyTo(packet, 2);
        mode.CopyTo(packet.AsSpan(2 + name.Length + 1));
        return packet;
    }

    private static byte[] AcknowledgementPacket(ushort block)
    {
        var packet = new byte[4];
        BinaryPrimitives.WriteUInt16BigEndian(packet, Acknowledgement);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), block);
        return packet;
    }

    private static byte[] ErrorPacket(ushort code, string message)
    {
        var text = Encoding.ASCII.GetBytes(message);
        var packet = new byte[4 + text.Length + 1];
        BinaryPrimitives.WriteUInt16BigEndian(packet, Error);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), code);
        text.CopyTo(packet, 4);
        return packet;
    }
}
