using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Provisioner.Config.Json;

/// <summary>
/// Reads JSON bytes into a <see cref="SourceNode"/> tree that remembers where every value starts.
/// Iterative, so depth costs no stack; the depth limit is Go's, so both accept the same documents.
/// </summary>
internal static class SourceReader
{
    /// <summary>Go's encoding/json refuses nesting deeper than this; so do we.</summary>
    public const int MaxDepth = 10000;

    /// <param name="source">The same bytes' line index, to place a syntax error.</param>
    public static SourceNode Read(ReadOnlySpan<byte> bytes, SourceText source)
    {
        CheckUtf8(bytes);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions
        {
            MaxDepth = MaxDepth + 1,
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
        });
        var stack = new Stack<SourceNode>();
        var pendingKey = "";
        var pendingKeyOffset = 0;
        SourceNode? root = null;
        try
        {
            while (reader.Read())
            {
                var offset = (int)reader.TokenStartIndex;
                SourceNode? value = null;
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pendingKey = ReadString(ref reader);
                        pendingKeyOffset = offset;
                        continue;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        if (stack.Count >= MaxDepth)
                        {
                            throw new ConfigSyntaxException(offset, $"JSON is nested more than {MaxDepth} levels deep");
                        }
                        var container = SourceNode.Container(reader.TokenType == JsonTokenType.StartObject ? JsonKind.Object : JsonKind.Array, offset);
                        Attach(stack, container, pendingKey, pendingKeyOffset, ref root);
                        stack.Push(container);
                        continue;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        stack.Pop();
                        continue;
                    case JsonTokenType.String:
                        value = SourceNode.Scalar(JsonKind.String, offset, ReadString(ref reader));
                        break;
                    case JsonTokenType.Number:
                        value = SourceNode.Scalar(JsonKind.Number, offset, Encoding.ASCII.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan));
                        break;
                    case JsonTokenType.True:
                        value = SourceNode.Scalar(JsonKind.True, offset, "true");
                        break;
                    case JsonTokenType.False:
                        value = SourceNode.Scalar(JsonKind.False, offset, "false");
                        break;
                    case JsonTokenType.Null:
                        value = SourceNode.Scalar(JsonKind.Null, offset, "null");
                        break;
                }
                if (value is not null)
                {
                    Attach(stack, value, pendingKey, pendingKeyOffset, ref root);
                }
            }
        }
        catch (JsonException e)
        {
            var at = source.Offset(e.LineNumber ?? 0, e.BytePositionInLine ?? 0);
            throw new ConfigSyntaxException(at, Describe(bytes, at, stack.Count));
        }
        return root ?? throw new ConfigSyntaxException(bytes.Length, "unexpected end of JSON input");
    }

    /// <summary>
    /// The string's value. A lone surrogate escape (<c>\ud800</c>) becomes U+FFFD, as Go decodes it,
    /// where System.Text.Json would refuse the whole document.
    /// </summary>
    private static string ReadString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
            return Unescape(raw);
        }
    }

    private static string Unescape(ReadOnlySpan<byte> raw)
    {
        var sb = new StringBuilder(raw.Length);
        var text = Encoding.UTF8.GetString(raw);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '\\' || i + 1 >= text.Length)
            {
                sb.Append(c);
                continue;
            }
            var e = text[++i];
            if (e != 'u')
            {
                sb.Append(e switch { 'b' => '\b', 'f' => '\f', 'n' => '\n', 'r' => '\r', 't' => '\t', _ => e });
                continue;
            }
            var unit = (char)Convert.ToUInt16(text.Substring(i + 1, 4), 16);
            i += 4;
            if (char.IsHighSurrogate(unit) && i + 6 < text.Length && text[i + 1] == '\\' && text[i + 2] == 'u'
                && char.IsLowSurrogate((char)Convert.ToUInt16(text.Substring(i + 3, 4), 16)))
            {
                sb.Append(unit).Append((char)Convert.ToUInt16(text.Substring(i + 3, 4), 16));
                i += 6;
            }
            else
            {
                sb.Append(char.IsSurrogate(unit) ? '\uFFFD' : unit);
            }
        }
        return sb.ToString();
    }

    private static void Attach(Stack<SourceNode> stack, SourceNode value, string key, int keyOffset, ref SourceNode? root)
    {
        if (stack.Count == 0)
        {
            root = value;
        }
        else if (stack.Peek().Kind == JsonKind.Object)
        {
            stack.Peek().Members.Add(new SourceMember(key, keyOffset, value));
        }
        else
        {
            stack.Peek().Items.Add(value);
        }
    }

    /// <summary>Says in words what is wrong at the offset where the reader stopped.</summary>
    private static string Describe(ReadOnlySpan<byte> bytes, int at, int depth)
    {
        if (depth >= MaxDepth)
        {
            return $"JSON is nested more than {MaxDepth} levels deep";
        }
        var rest = bytes[at..].TrimStart(" \t\r\n"u8);
        if (rest.IsEmpty)
        {
            return "unexpected end of JSON input";
        }
        var c = rest[0];
        if (c is < 0x20 or >= 0x7f)
        {
            return $"invalid byte 0x{c:x2}: a config is JSON text";
        }
        var shown = $"'{(char)c}'";
        return c switch
        {
            (byte)'/' => "invalid character '/': comments are not allowed in JSON",
            (byte)',' or (byte)'}' or (byte)']' => $"invalid character {shown}: a value or a closing bracket is missing, or there is a trailing comma",
            (byte)'"' => "invalid string: unterminated, or contains a raw control character or a bad escape",
            _ => $"invalid character {shown}",
        };
    }

    private static void CheckUtf8(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            throw new ConfigSyntaxException(0, "the config starts with a UTF-8 byte order mark, which JSON does not allow");
        }
        if (Utf8.IsValid(bytes))
        {
            return;
        }
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != OperationStatus.Done)
            {
                throw new ConfigSyntaxException(offset, $"invalid UTF-8 (byte 0x{bytes[offset]:x2}): a config must be UTF-8 text");
            }
            offset += consumed;
        }
    }
}
