using System.IO.Compression;

namespace Provisioner.Engine.Providers;

/// <summary>gzip as platforms use it for user data: recognised by its magic, unpacked whole, with an error naming the source.</summary>
public static class Gzip
{
    /// <summary>True when <paramref name="data"/> starts as a gzip member does (what Go's DetectContentType calls application/x-gzip).</summary>
    public static bool Looks(ReadOnlySpan<byte> data) => data.Length >= 3 && data[0] == 0x1f && data[1] == 0x8b && data[2] == 0x08;

    public static byte[] Unpack(byte[] data, string what)
    {
        try
        {
            using var input = new GZipStream(new MemoryStream(data, writable: false), CompressionMode.Decompress);
            using var output = new MemoryStream();
            input.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            throw new StageFailedException($"{what}: the data is not valid gzip");
        }
    }
}
