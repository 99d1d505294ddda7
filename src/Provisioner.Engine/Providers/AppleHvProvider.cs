using System.Net;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Provisioner.Engine.Machine;
using Provisioner.Engine.Tools;

namespace Provisioner.Engine.Providers;

/// <summary>
/// Apple Hypervisor (macOS Virtualization framework): the host serves the config over HTTP on vsock port 1024
/// of CID 2 (the host); Ignition asks <c>GET http://d/</c> with <c>Accept: application/json</c> (the host name
/// means nothing over vsock). The vsock module is loaded first if the kernel lacks it. Works offline.
/// </summary>
public sealed partial class AppleHvProvider : IPlatformProvider
{
    public const uint HostCid = 2;
    public const uint Port = 1024;

    private const int AddressFamilyVsock = 40;
    private const int SocketStream = 1;

    public string Name => "applehv";

    /// <summary>Test only: opens the connection to the host's server instead of vsock.</summary>
    internal Func<Stream>? Connect { get; init; }

    public byte[] Fetch(ProviderContext context)
    {
        if (Connect is null && !Directory.Exists("/sys/devices/virtual/misc/vsock"))
        {
            try
            {
                context.Runner.Run(context.Tools.Modprobe, ["vsock"]);
            }
            catch (ToolFailedException e)
            {
                throw new StageFailedException($"applehv: failed to load the vsock kernel module: {e.Message}");
            }
        }
        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            ConnectCallback = (_, _) => ValueTask.FromResult(Connect?.Invoke() ?? OpenVsock()),
        };
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://d/") { Version = HttpVersion.Version11 };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            using var response = client.Send(request);
            if (!response.IsSuccessStatusCode)
            {
                throw new StageFailedException($"applehv: the host answered GET http://d/ over vsock with {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            using var body = response.Content.ReadAsStream();
            using var copy = new MemoryStream();
            body.CopyTo(copy);
            return copy.ToArray();
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new StageFailedException($"applehv: cannot fetch the config from the host over vsock (CID {HostCid}, port {Port}): {e.Message}");
        }
    }

    /// <summary>A stream connected to vsock CID 2, port 1024.</summary>
    private static Stream OpenVsock()
    {
        var fd = Interop.Socket(AddressFamilyVsock, SocketStream, 0);
        if (fd < 0)
        {
            throw new IOException($"cannot create a vsock socket (errno {Marshal.GetLastPInvokeError()})");
        }
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        // struct sockaddr_vm: family (u16), reserved (u16), port (u32), cid (u32), flags (u8), zero[3].
        Span<byte> address = stackalloc byte[16];
        address.Clear();
        BitConverter.TryWriteBytes(address, (ushort)AddressFamilyVsock);
        BitConverter.TryWriteBytes(address[4..], Port);
        BitConverter.TryWriteBytes(address[8..], HostCid);
        if (ConnectSocket(fd, address, address.Length) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            handle.Dispose();
            throw new IOException($"cannot connect to the host over vsock (errno {errno})");
        }
        return new FileStream(handle, FileAccess.ReadWrite, bufferSize: 0);
    }

    [LibraryImport("libc", EntryPoint = "connect", SetLastError = true)]
    private static partial int ConnectSocket(int fd, ReadOnlySpan<byte> address, int length);
}
