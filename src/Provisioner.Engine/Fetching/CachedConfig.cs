using System.Buffers;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;
using Provisioner.Config;
using Provisioner.Config.Model;
using Provisioner.Engine.Stages.Files;

namespace Provisioner.Engine.Fetching;

/// <summary>
/// The config cache read for the files stage without materialising every storage entry: a streaming pass
/// (<see cref="CacheIndex"/>) finds each entry of storage.files, directories and links; the rest of the
/// config is read as usual. An entry is read back from the file and deserialized only when it is applied,
/// so neither the cache's bytes nor the contents of 10,000 files are ever in memory together.
/// </summary>
public sealed class CachedConfig : IDisposable
{
    private readonly SafeFileHandle _file;
    private readonly string _path;

    private CachedConfig(SafeFileHandle file, string path, Configuration rest, List<NodeEntry> nodes)
    {
        _file = file;
        _path = path;
        Rest = rest;
        Nodes = nodes;
    }

    /// <summary>The config with its storage.files, directories and links left empty.</summary>
    public Configuration Rest { get; }

    /// <summary>The storage entries, loaded on demand while the cache is open.</summary>
    public IReadOnlyList<NodeEntry> Nodes { get; }

    public static CachedConfig Read(string path)
    {
        SafeFileHandle file;
        try
        {
            file = System.IO.File.OpenHandle(path, FileMode.Open, FileAccess.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StageFailedException($"cannot read the config cache (written by the fetch stages; did they run?) {path}: {HostFiles.Describe(e)}");
        }
        try
        {
            var index = CacheIndex.Scan(file);
            var rest = ConfigSerializer.Deserialize(WithoutLists(file, index.Lists));
            var nodes = new List<NodeEntry>(index.Entries.Count);
            var cached = new CachedConfig(file, path, rest, nodes);
            nodes.AddRange(index.Entries.Select(cached.Entry));
            return cached;
        }
        catch (Exception e)
        {
            file.Dispose();
            throw e switch
            {
                JsonException => new StageFailedException($"the config cache {path} cannot be read: {e.Message}"),
                IOException io => new StageFailedException($"cannot read the config cache {path}: {HostFiles.Describe(io)}"),
                _ => e,
            };
        }
    }

    public void Dispose() => _file.Dispose();

    private NodeEntry Entry(CacheIndex.Entry e) =>
        new(e.Kind, e.Index, e.Path, e.Hard, e.Overwrite, e.Mode, e.Target, () => Load(e));

    private Node Load(CacheIndex.Entry e)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(e.Length);
        try
        {
            var span = buffer.AsSpan(0, e.Length);
            if (RandomAccess.Read(_file, span, e.Offset) != e.Length)
            {
                throw new StageFailedException($"the config cache {_path} changed while the files stage was reading it");
            }
            return ConfigSerializer.DeserializeNode(span, e.Kind);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The cache's bytes with each list replaced by <c>[]</c>.</summary>
    private static byte[] WithoutLists(SafeFileHandle file, List<(long Start, long End)> lists)
    {
        using var rest = new MemoryStream();
        long at = 0;
        foreach (var (start, end) in lists)
        {
            Copy(file, at, start, rest);
            rest.Write("[]"u8);
            at = end;
        }
        Copy(file, at, RandomAccess.GetLength(file), rest);
        return rest.ToArray();
    }

    private static void Copy(SafeFileHandle file, long from, long to, MemoryStream into)
    {
        Span<byte> chunk = stackalloc byte[4096];
        while (from < to)
        {
            var n = RandomAccess.Read(file, chunk[..(int)Math.Min(chunk.Length, to - from)], from);
            if (n == 0)
            {
                throw new IOException("the file ended early");
            }
            into.Write(chunk[..n]);
            from += n;
        }
    }
}
