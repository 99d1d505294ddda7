using System.Net.Sockets;

namespace Provisioner.Engine.Resources.Http;

/// <summary>
/// One line for a failed request, in our words: the native binary carries no framework exception texts
/// (UseSystemResourceKeys), so the kind of failure .NET reports (its socket error, its HttpRequestError)
/// is what is translated, and TLS says why the certificate was refused.
/// </summary>
public static class FailureText
{
    /// <param name="tlsRejection">Why the last server certificate was refused, when one was.</param>
    public static string Of(Exception e, string? tlsRejection = null)
    {
        var error = HttpRequestError.Unknown;
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case SocketException socket:
                    return Socket(socket.SocketErrorCode);
                case HttpRequestException request when request.HttpRequestError != HttpRequestError.Unknown && error == HttpRequestError.Unknown:
                    error = request.HttpRequestError;
                    break;
                case HttpIOException io when io.HttpRequestError != HttpRequestError.Unknown && error == HttpRequestError.Unknown:
                    error = io.HttpRequestError;
                    break;
            }
        }
        return error switch
        {
            HttpRequestError.NameResolutionError => "the host name cannot be resolved",
            HttpRequestError.ConnectionError => "cannot connect",
            HttpRequestError.SecureConnectionError => "TLS: " + (tlsRejection ?? "the handshake failed"),
            HttpRequestError.HttpProtocolError => "the server broke the HTTP protocol",
            HttpRequestError.InvalidResponse => "the answer is not valid HTTP",
            HttpRequestError.ResponseEnded => "the connection closed before the response was complete",
            HttpRequestError.ProxyTunnelError => "the proxy refused to open a tunnel",
            HttpRequestError.UserAuthenticationError => "authentication failed",
            HttpRequestError.ConfigurationLimitExceeded => "the response exceeds a limit of the client (headers too large?)",
            _ => e is IOException ? "input/output error" : e.Message,
        };
    }

    private static string Socket(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.ConnectionReset => "connection reset by peer",
        SocketError.ConnectionAborted => "connection aborted",
        SocketError.TimedOut => "connection timed out",
        SocketError.HostUnreachable => "host unreachable",
        SocketError.NetworkUnreachable or SocketError.NetworkDown => "network unreachable",
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host not found",
        SocketError.AddressNotAvailable => "address not available",
        _ => "socket error " + error,
    };
}
