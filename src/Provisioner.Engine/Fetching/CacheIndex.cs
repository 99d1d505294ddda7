using System.Buffers;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;
using Provisioner.Config.Model;

namespace Provisioner.Engine.Fetching;

/// <summary>
/// Where each entry of storage.files, directories and links sits in the config cache, found in one streaming
/// pass through a small buffer: an entry's byte range and the few fields ordering needs (path, hard, overwrite,
/// mode, target), and the byte ranges of the three lists, which the rest of the config is read without.
/// The cache's bytes are never all in memory: at 10,000 files they would be most of a files stage's peak.
/// </summary>
internal sealed class CacheIndex
{
    private const int InitialBuffer = 64 * 1024;

    /// <summary>One entry: its place in its list, its byte range in the cache, and its ordering fields.</summary>
    public sealed record Entry(NodeKind Kind, int Index, long Offset, int Length, string Path, bool Hard, bool Overwrite, long? Mode, string? Target);

    public List<Entry> Entries { get; } = [];

    /// <summary>The byte ranges [Start, End) of the three lists, in file order.</summary>
    public List<(long Start, long End)> Lists { get; } = [];

    // Where the scan is: the top-level and storage property names, the list being read, the entry being read.
    private string? _top;
    private string? _storageProperty;
    private NodeKind? _list;
    private long _listStart;
    private int _index;
    private long _entryStart;
    private string? _field;
    private string _path = "";
    private string? _target;
    private long? _mode;
    private bool _hard;
    private bool _overwrite;

    /// <summary>Scans the whole file; a JsonException says where the JSON is broken or an entry is not an object.</summary>
    public static CacheIndex Scan(SafeFileHandle file)
    {
        var index = new CacheIndex();
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
        try
        {
            var state = new JsonReaderState();
            long bufferOffset = 0; // the file offset of buffer[0]
            var filled = 0;
            var final = false;
            while (true)
            {
                var read = RandomAccess.Read(file, buffer.AsSpan(filled), bufferOffset + filled);
                filled += read;
                final = read == 0;
                var reader = new Utf8JsonReader(buffer.AsSpan(0, filled), final, state);
                while (reader.Read())
                {
                    index.Take(ref reader, bufferOffset);
                }
                if (final)
                {
                    break;
                }
                state = reader.CurrentState;
                var consumed = (int)reader.BytesConsumed;
                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                bufferOffset += consumed;
                filled -= consumed;
                if (filled == buffer.Length)
                {
                    // One token (a long inline contents string) is larger than the buffer.
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return index;
    }

    /// <summary>
    /// Takes one complete token. Depths: 1 the top-level properties, 2 storage's properties and the lists,
    /// 3 the entries, 4 an entry's properties and scalar values.
    /// </summary>
    private void Take(ref Utf8JsonReader reader, long bufferOffset)
    {
        var depth = reader.CurrentDepth;
        var token = reader.TokenType;
        if (token == JsonTokenType.PropertyName && depth <= 2)
        {
            if (depth == 1)
            {
                _top = reader.GetString();
            }
            else if (_top == "storage")
            {
                _storageProperty = reader.GetString();
            }
            return;
        }
        if (depth == 2 && _top == "storage")
        {
            if (token == JsonTokenType.StartArray && _storageProperty is "files" or "directories" or "links")
            {
                _list = _storageProperty switch
                {
                    "files" => NodeKind.File,
                    "directories" => NodeKind.Directory,
                    _ => NodeKind.Link,
                };
                _listStart = bufferOffset + reader.TokenStartIndex;
                _index = 0;
            }
            else if (token == JsonTokenType.EndArray && _list is not null)
            {
                Lists.Add((_listStart, bufferOffset + reader.BytesConsumed));
                _list = null;
            }
            return;
        }
        if (_list is not { } kind)
        {
            return;
        }
        if (depth == 3)
        {
            if (token == JsonTokenType.StartObject)
            {
                _entryStart = bufferOffset + reader.TokenStartIndex;
                (_field, _path, _target, _mode, _hard, _overwrite) = (null, "", null, null, false, false);
            }
            else if (token == JsonTokenType.EndObject)
            {
                var end = bufferOffset + reader.BytesConsumed;
                Entries.Add(new Entry(kind, _index++, _entryStart, checked((int)(end - _entryStart)), _path, _hard, _overwrite, _mode, _target));
            }
            else
            {
                throw new JsonException($"entry {_index} of storage.{_storageProperty} is not an object");
            }
            return;
        }
        if (depth != 4)
        {
            return;
        }
        if (token == JsonTokenType.PropertyName)
        {
            _field = reader.GetString();
            return;
        }
        switch (_field)
        {
            case "path" when token == JsonTokenType.String:
                _path = reader.GetString()!;
                break;
            case "target" when token == JsonTokenType.String:
                _target = reader.GetString();
                break;
            case "mode" when token == JsonTokenType.Number && reader.TryGetInt64(out var mode):
                _mode = mode;
                break;
            case "hard":
                _hard = token == JsonTokenType.True;
                break;
            case "overwrite":
                _overwrite = token == JsonTokenType.True;
                break;
        }
        _field = null;
    }
}
