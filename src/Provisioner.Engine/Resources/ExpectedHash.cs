using System.Security.Cryptography;

namespace Provisioner.Engine.Resources;

/// <summary>
/// A resource's <c>verification.hash</c> (<c>sha512-HEX</c> or <c>sha256-HEX</c>), parsed before anything
/// is fetched so a malformed one fails without touching the network.
/// </summary>
public sealed class ExpectedHash
{
    private ExpectedHash(string function, HashAlgorithmName algorithm, byte[] digest)
    {
        Function = function;
        Algorithm = algorithm;
        Digest = digest;
    }

    /// <summary>The function as the config names it: <c>sha512</c> or <c>sha256</c>.</summary>
    public string Function { get; }

    public HashAlgorithmName Algorithm { get; }

    public byte[] Digest { get; }

    /// <summary>The parsed hash, or null when the resource has none; <paramref name="what"/> names it in errors.</summary>
    public static ExpectedHash? Parse(string? hash, string what)
    {
        if (string.IsNullOrEmpty(hash))
        {
            return null;
        }
        var dash = hash.IndexOf('-', StringComparison.Ordinal);
        var function = dash < 0 ? hash : hash[..dash];
        var algorithm = function switch
        {
            "sha512" => HashAlgorithmName.SHA512,
            "sha256" => HashAlgorithmName.SHA256,
            _ => throw new StageFailedException($"{what}: hash function \"{function}\" is not supported"),
        };
        try
        {
            return new ExpectedHash(function, algorithm, Convert.FromHexString(hash[(dash + 1)..]));
        }
        catch (FormatException)
        {
            throw new StageFailedException($"{what}: verification hash \"{hash}\" is not hexadecimal");
        }
    }

    /// <summary>How the config would write a digest of this function: <c>sha512-</c> and lower-case hex.</summary>
    public string Format(ReadOnlySpan<byte> digest) => Function + "-" + Convert.ToHexStringLower(digest);
}
