using System.Net.Sockets;
using System.Security.Authentication;

namespace Provisioner.Engine.Resources.Http;

/// <summary>One line for a failed request, from the exception .NET raised: what the socket or TLS said, not the wrapper's generic words.</summary>
public static class FailureText
{
    public static string Of(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case SocketException socket:
                    return Lower(socket.Message);
                case AuthenticationException tls:
                    return "TLS: " + Lower(tls.Message);
                case HttpIOException io:
                    return Lower(io.Message);
            }
        }
        return e.InnerException is { } cause && cause.Message != e.Message ? $"{Lower(e.Message)}: {Lower(cause.Message)}" : Lower(e.Message);
    }

    private static string Lower(string message)
    {
        var text = message.TrimEnd('.');
        return text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }
}
