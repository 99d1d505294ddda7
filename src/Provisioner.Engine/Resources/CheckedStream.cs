using System.IO.Compression;

namespace Provisioner.Engine.Resources;

/// <summary>
/// A resource's bytes as they are read: gunzipped when the resource says so and hashed on the way, so a
/// file of any size goes to disk without being held in memory. The hash is checked when the end is read:
/// a mismatch throws before the reader can treat the bytes as complete, and the rooted file system then
/// removes its temporary file, so nothing of a file that fails verification stays on disk.
/// </summary>
public sealed class CheckedStream : ForwardOnlyStream
{
    private readonly Stream inner;
    private readonly StreamingHash? hasher;
    private readonly ExpectedHash? expected;
    private readonly string what;
    private readonly string source;
    private bool verified;

    /// <param name="raw">The bytes as fetched; owned (disposed) by this stream.</param>
    /// <param name="source">The source as it may be logged (see <see cref="ResourceSource.Describe"/>).</param>
    public CheckedStream(Stream raw, bool gunzip, ExpectedHash? expected, string what, string source)
    {
        inner = gunzip ? new GZipStream(raw, CompressionMode.Decompress) : raw;
        this.expected = expected;
        hasher = expected is null ? null : new StreamingHash(expected.Algorithm);
        this.what = what;
        this.source = source;
    }

    public override int Read(Span<byte> buffer)
    {
        int n;
        try
        {
            n = inner.Read(buffer);
        }
        catch (InvalidDataException)
        {
            throw new StageFailedException($"{what}: the contents from {source} are not valid gzip data");
        }
        if (n > 0)
        {
            hasher?.Append(buffer[..n]);
        }
        else if (buffer.Length > 0)
        {
            Verify();
        }
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            hasher?.Dispose();
        }
        base.Dispose(disposing);
    }

    private void Verify()
    {
        if (hasher is null || expected is null || verified)
        {
            return;
        }
        var actual = hasher.Finish();
        if (!actual.AsSpan().SequenceEqual(expected.Digest))
        {
            throw new StageFailedException(
                $"{what}: the contents do not match verification.hash: expected {expected.Format(expected.Digest)}, got {expected.Format(actual)} (fetched from {source})");
        }
        verified = true;
    }
}
