using System.Security.Cryptography;
using System.Text;
using Provisioner.Engine.Resources;

namespace Provisioner.Engine.Tests.Resources;

/// <summary>The managed SHA-2 agrees with OpenSSL's on every padding case and on the standard's examples.</summary>
public sealed class Sha2Tests
{
    [Fact]
    public void AgreesWithOpenSslOnEveryLengthAroundTheBlockBoundaries()
    {
        var random = new Random(2026);
        for (var length = 0; length <= 300; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(SHA256.HashData(data), Sha2.Sha256(data));
            Assert.Equal(SHA512.HashData(data), Sha2.Sha512(data));
        }
    }

    [Fact]
    public void AgreesWithOpenSslOnLargeInputsOnBothSidesOfTheManagedLimit()
    {
        var data = new byte[Sha2.ManagedLimit + 1];
        new Random(7).NextBytes(data);
        foreach (var length in new[] { 100_000, Sha2.ManagedLimit, Sha2.ManagedLimit + 1 })
        {
            Assert.Equal(SHA256.HashData(data.AsSpan(0, length)), Sha2.Sha256(data.AsSpan(0, length)));
            Assert.Equal(SHA512.HashData(data.AsSpan(0, length)), Sha2.Sha512(data.AsSpan(0, length)));
        }
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1000, 7)]
    [InlineData(Sha2.ManagedLimit, 4096)]
    [InlineData(Sha2.ManagedLimit + 1, 4096)]
    [InlineData(3 * Sha2.ManagedLimit + 5, 65536)]
    public void StreamingHashAgreesWithOpenSslInChunksOnBothSidesOfTheManagedLimit(int length, int chunk)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        foreach (var algorithm in new[] { HashAlgorithmName.SHA256, HashAlgorithmName.SHA512 })
        {
            using var hash = new StreamingHash(algorithm);
            for (var at = 0; at < length; at += chunk)
            {
                hash.Append(data.AsSpan(at, Math.Min(chunk, length - at)));
            }
            var expected = algorithm == HashAlgorithmName.SHA256 ? SHA256.HashData(data) : SHA512.HashData(data);
            Assert.Equal(expected, hash.Finish());
        }
    }

    [Fact]
    public void GivesTheStandardsDigestsOfAbc()
    {
        var abc = Encoding.ASCII.GetBytes("abc");
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Convert.ToHexStringLower(Sha2.Sha256(abc)));
        Assert.Equal(
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
            Convert.ToHexStringLower(Sha2.Sha512(abc)));
    }
}
