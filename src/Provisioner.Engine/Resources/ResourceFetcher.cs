using System.Buffers.Binary;
using System.IO.Compression;
using Provisioner.Config.Model;

namespace Provisioner.Engine.Resources;

/// <summary>
/// Turns a config resource (<c>contents</c>, <c>append</c>, a referenced config) into its bytes: read
/// from its source, gunzipped when <c>compression</c> says so, checked against <c>verification.hash</c>
/// (which describes the decompressed bytes). Local sources (<c>data:</c> URLs, the empty source) are
/// read here; network schemes are the remote fetchers' (a later layer); offline they raise
/// <see cref="NeedNetworkException"/>.
/// </summary>
public sealed class ResourceFetcher
{
    /// <summary>True in fetch-offline: any network resource means networking is needed.</summary>
    public bool Offline { get; init; }

    /// <summary>True when <paramref name="source"/> can be read without a network.</summary>
    public static bool IsLocal(string? source) =>
        string.IsNullOrEmpty(source) || source.StartsWith("data:", StringComparison.OrdinalIgnoreCase);

    /// <summary>The resource's bytes; <paramref name="what"/> names it in errors ("file /etc/motd").</summary>
    public byte[] Fetch(Resource resource, string what)
    {
        var raw = Read(resource.Source ?? "", what);
        var data = resource.Compression switch
        {
            null or "" => raw,
            "gzip" => Gunzip(raw, what),
            var other => throw new StageFailedException($"{what}: compression \"{other}\" is not supported"),
        };
        Verify(data, resource.Verification.Hash, what);
        return data;
    }

    private byte[] Read(string source, string what)
    {
        if (source.Length == 0)
        {
            return [];
        }
        if (source.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return DataUrlDecoder.Decode(source);
            }
            catch (FormatException e)
            {
                throw new StageFailedException($"{what}: the data URL cannot be decoded: {e.Message}");
            }
        }
        if (Offline)
        {
            throw new NeedNetworkException(source);
        }
        var scheme = source.Split(':', 2)[0];
        throw new StageFailedException($"{what}: fetching {scheme} resources is not built yet in this version of provisioner");
    }

    private static byte[] Gunzip(byte[] compressed, string what)
    {
        try
        {
            // The gzip trailer's ISIZE (the length modulo 2^32) sizes the output, so it is usually never copied.
            var expected = compressed.Length >= 18 ? BinaryPrimitives.ReadUInt32LittleEndian(compressed.AsSpan(^4)) : 0;
            using var input = new GZipStream(new MemoryStream(compressed, writable: false), CompressionMode.Decompress);
            using var output = new MemoryStream((int)Math.Min(expected, 64u << 20));
            input.CopyTo(output);
            return output.Length == output.Capacity ? output.GetBuffer() : output.ToArray();
        }
        catch (InvalidDataException)
        {
            throw new StageFailedException($"{what}: the contents are not valid gzip data");
        }
    }

    private static void Verify(byte[] data, string? hash, string what)
    {
        if (string.IsNullOrEmpty(hash))
        {
            return;
        }
        var dash = hash.IndexOf('-', StringComparison.Ordinal);
        var function = dash < 0 ? hash : hash[..dash];
        byte[] actual = function switch
        {
            "sha512" => Sha2.Sha512(data),
            "sha256" => Sha2.Sha256(data),
            _ => throw new StageFailedException($"{what}: hash function \"{function}\" is not supported"),
        };
        byte[] expected;
        try
        {
            expected = Convert.FromHexString(hash[(dash + 1)..]);
        }
        catch (FormatException)
        {
            throw new StageFailedException($"{what}: verification hash \"{hash}\" is not hexadecimal");
        }
        if (!actual.AsSpan().SequenceEqual(expected))
        {
            throw new StageFailedException(
                $"{what}: the contents do not match verification.hash: expected {function}-{Convert.ToHexStringLower(expected)}, got {function}-{Convert.ToHexStringLower(actual)}");
        }
    }
}
