using System.Globalization;
using System.Text;

namespace Provisioner.Engine.Tests.Emulation;

/// <summary>Reads one HTTP/1.1 request head (and its Content-Length body) off a stream, for the loopback server and proxy.</summary>
internal static class HttpWire
{
    private const int MaxHead = 64 * 1024;

    /// <summary>The request, or null when the peer closed before sending one.</summary>
    public static async Task<RecordedRequest?> ReadRequestAsync(Stream stream, CancellationToken token)
    {
        var head = await ReadHeadAsync(stream, token);
        if (head is null)
        {
            return null;
        }
        var lines = head.Split("\r\n");
        var parts = lines[0].Split(' ');
        if (parts.Length < 3)
        {
            throw new IOException($"not an HTTP request line: {lines[0]}");
        }
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }
        var target = parts[1];
        var path = Uri.TryCreate(target, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            ? absolute.PathAndQuery
            : target;
        var lengthHeader = headers.LastOrDefault(h => h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Value;
        var body = new byte[lengthHeader is null ? 0 : int.Parse(lengthHeader, CultureInfo.InvariantCulture)];
        await stream.ReadExactlyAsync(body, token);
        return new RecordedRequest(parts[0], target, path, headers, body, DateTime.UtcNow);
    }

    /// <summary>The bytes up to and without the blank line, as Latin-1 text; null on a clean close before any byte.</summary>
    public static async Task<string?> ReadHeadAsync(Stream stream, CancellationToken token)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one, token) == 0)
            {
                return bytes.Count == 0 ? null : throw new IOException("the connection closed inside a request head");
            }
            bytes.Add(one[0]);
            var n = bytes.Count;
            if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n')
            {
                return Encoding.Latin1.GetString([.. bytes.Take(n - 4)]);
            }
            if (n > MaxHead)
            {
                throw new IOException("request head too large");
            }
        }
    }
}
