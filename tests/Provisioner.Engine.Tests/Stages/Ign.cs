using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Provisioner.Engine.Tests.Stages;

/// <summary>Configs and resources for the tests, written the way an operator writes them.</summary>
internal static class Ign
{
    public const string Version = "3.6.0";

    /// <summary>A config of spec <see cref="Version"/> with the given top-level members (JSON without the outer braces).</summary>
    public static string Config(string members = "") =>
        "{\"ignition\":{\"version\":\"" + Version + "\"}" + (members.Length == 0 ? "" : "," + members) + "}";

    /// <summary>A base64 data URL of <paramref name="text"/>.</summary>
    public static string Data(string text) => Data(Encoding.UTF8.GetBytes(text));

    public static string Data(byte[] bytes) => "data:;base64," + Convert.ToBase64String(bytes);

    public static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }
        return output.ToArray();
    }

    public static string Sha512(string text) => "sha512-" + Convert.ToHexStringLower(SHA512.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Decimal, as a config writes a mode: <c>Mode("0644")</c> is 420.</summary>
    public static int Mode(string octal) => Convert.ToInt32(octal, 8);
}
