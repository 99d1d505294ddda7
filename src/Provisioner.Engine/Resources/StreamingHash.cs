using System.Security.Cryptography;

namespace Provisioner.Engine.Resources;

/// <summary>
/// A verification hash over bytes as they stream past. The first <see cref="Sha2.ManagedLimit"/> bytes are
/// kept: a resource that ends within them (most of a config's files) is hashed by <see cref="Sha2"/>, so the
/// stage never loads OpenSSL for it; a longer one hands them to OpenSSL's incremental hash, which is several
/// times faster on large inputs, and streams the rest through it.
/// </summary>
internal sealed class StreamingHash(HashAlgorithmName algorithm) : IDisposable
{
    private byte[] kept = [];
    private int keptLength;
    private IncrementalHash? incremental;

    public void Append(ReadOnlySpan<byte> data)
    {
        if (incremental is not null)
        {
            incremental.AppendData(data);
            return;
        }
        if (keptLength + data.Length <= Sha2.ManagedLimit)
        {
            if (keptLength + data.Length > kept.Length)
            {
                Array.Resize(ref kept, Math.Min(Sha2.ManagedLimit, Math.Max(keptLength + data.Length, kept.Length * 2)));
            }
            data.CopyTo(kept.AsSpan(keptLength));
            keptLength += data.Length;
            return;
        }
        incremental = IncrementalHash.CreateHash(algorithm);
        incremental.AppendData(kept.AsSpan(0, keptLength));
        incremental.AppendData(data);
        kept = [];
        keptLength = 0;
    }

    /// <summary>The digest of everything appended.</summary>
    public byte[] Finish()
    {
        if (incremental is not null)
        {
            return incremental.GetHashAndReset();
        }
        var data = kept.AsSpan(0, keptLength);
        return algorithm == HashAlgorithmName.SHA512 ? Sha2.Sha512(data) : Sha2.Sha256(data);
    }

    public void Dispose() => incremental?.Dispose();
}
