using System.Text;

namespace Provisioner.Engine.Resources;

/// <summary>
/// The bytes of a <c>data:</c> URL (RFC 2397) that validation has already accepted: base64 when the
/// header ends in <c>;base64</c> (line feeds allowed), else percent-decoded text where '+' stays '+'.
/// </summary>
public static class DataUrlDecoder
{
    public static byte[] Decode(string url)
    {
        if (!url.StartsWith("data:", StringComparison.Ordinal))
        {
            throw new FormatException("not a data URL");
        }
        var comma = url.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            throw new FormatException("a data URL needs a comma before its data");
        }
        var header = url.AsSpan(5, comma - 5);
        var data = url.AsSpan(comma + 1);
        return header.EndsWith(";base64", StringComparison.Ordinal)
            ? Convert.FromBase64String(data.ToString().Replace("\n", "", StringComparison.Ordinal))
            : PercentDecode(data);
    }

    private static byte[] PercentDecode(ReadOnlySpan<char> text)
    {
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var output = new byte[bytes.Length];
        var length = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '%' && i + 2 < bytes.Length && IsHex(bytes[i + 1]) && IsHex(bytes[i + 2]))
            {
                output[length++] = (byte)((Hex(bytes[i + 1]) << 4) | Hex(bytes[i + 2]));
                i += 2;
            }
            else
            {
                output[length++] = bytes[i];
            }
        }
        return output.AsSpan(0, length).ToArray();
    }

    private static bool IsHex(byte b) => b is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f') or (>= (byte)'A' and <= (byte)'F');

    private static int Hex(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
