using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Provisioner.Engine.State;

/// <summary>
/// The state file's JSON, read and written by hand on <see cref="Utf8JsonReader"/> and <see cref="Utf8JsonWriter"/>:
/// the serializer's metadata costs much more, cold, than the file is worth. The layout is Ignition's:
/// every property written, a null as null, in a fixed order; reading takes them in any order, skips
/// unknown ones, and takes a missing or null one as empty.
/// </summary>
internal static class StateJson
{
    /// <summary>The state in <paramref name="data"/>; malformed JSON is a <see cref="JsonException"/>, a value of the wrong type an <see cref="InvalidDataException"/>.</summary>
    public static EngineState Read(ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data, new JsonReaderOptions());
        try
        {
            var state = new EngineState();
            Next(ref reader);
            if (reader.TokenType != JsonTokenType.Null)
            {
                Expect(ref reader, JsonTokenType.StartObject, "the state", "an object");
                while (NextProperty(ref reader))
                {
                    if (reader.ValueTextEquals("fetchedConfigs"u8))
                    {
                        state.FetchedConfigs = ReadFetchedConfigs(ref reader);
                    }
                    else if (reader.ValueTextEquals("luksPersistKeyFiles"u8))
                    {
                        state.LuksPersistKeyFiles = ReadStringMap(ref reader, "luksPersistKeyFiles");
                    }
                    else if (reader.ValueTextEquals("notatedDirectories"u8))
                    {
                        state.NotatedDirectories = ReadStringList(ref reader, "notatedDirectories");
                    }
                    else if (reader.ValueTextEquals("providerOutputFiles"u8))
                    {
                        state.ProviderOutputFiles = ReadValueList(ref reader, "providerOutputFiles");
                    }
                    else if (reader.ValueTextEquals("luksPersistVolumeKeyFiles"u8))
                    {
                        state.LuksPersistVolumeKeyFiles = ReadStringMap(ref reader, "luksPersistVolumeKeyFiles");
                    }
                    else
                    {
                        Next(ref reader);
                        reader.Skip();
                    }
                }
            }
            // Anything but whitespace after the value is the reader's error.
            if (reader.Read())
            {
                throw new JsonException($"more after the state's value at byte {reader.TokenStartIndex}");
            }
            return state;
        }
        catch (InvalidOperationException e)
        {
            // A string that is not UTF-8 fails only when it is decoded.
            throw new JsonException(e.Message, e);
        }
    }

    /// <summary>The file's bytes: the state as the serializer wrote it (same order, same escapes, nulls kept), then a newline.</summary>
    public static byte[] Write(EngineState state)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            WriteList(writer, "fetchedConfigs"u8, state.FetchedConfigs, (w, config) =>
            {
                w.WriteStartObject();
                w.WriteString("kind"u8, config.Kind);
                w.WriteString("source"u8, config.Source);
                w.WriteBoolean("referenced"u8, config.Referenced);
                w.WriteEndObject();
            });
            WriteStringMap(writer, "luksPersistKeyFiles"u8, state.LuksPersistKeyFiles);
            WriteList(writer, "notatedDirectories"u8, state.NotatedDirectories, (w, directory) => w.WriteStringValue(directory));
            WriteList(writer, "providerOutputFiles"u8, state.ProviderOutputFiles, (w, json) => w.WriteRawValue(json));
            WriteStringMap(writer, "luksPersistVolumeKeyFiles"u8, state.LuksPersistVolumeKeyFiles);
            writer.WriteEndObject();
        }
        buffer.GetSpan(1)[0] = (byte)'\n';
        buffer.Advance(1);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A list as an array, or null.</summary>
    private static void WriteList<T>(Utf8JsonWriter writer, ReadOnlySpan<byte> name, List<T>? list, Action<Utf8JsonWriter, T> write)
    {
        writer.WritePropertyName(name);
        if (list is null)
        {
            writer.WriteNullValue();
            return;
        }
        writer.WriteStartArray();
        foreach (var item in list)
        {
            write(writer, item);
        }
        writer.WriteEndArray();
    }

    private static void WriteStringMap(Utf8JsonWriter writer, ReadOnlySpan<byte> name, Dictionary<string, string>? map)
    {
        writer.WritePropertyName(name);
        if (map is null)
        {
            writer.WriteNullValue();
            return;
        }
        writer.WriteStartObject();
        foreach (var (key, value) in map)
        {
            writer.WriteString(key, value);
        }
        writer.WriteEndObject();
    }

    private static List<FetchedConfig> ReadFetchedConfigs(ref Utf8JsonReader reader)
    {
        var configs = new List<FetchedConfig>();
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return configs;
        }
        Expect(ref reader, JsonTokenType.StartArray, "fetchedConfigs", "an array");
        while (NextItem(ref reader))
        {
            Expect(ref reader, JsonTokenType.StartObject, "an item of fetchedConfigs", "an object");
            string kind = "", source = "";
            var referenced = false;
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("kind"u8))
                {
                    kind = ReadString(ref reader, "fetchedConfigs' kind") ?? "";
                }
                else if (reader.ValueTextEquals("source"u8))
                {
                    source = ReadString(ref reader, "fetchedConfigs' source") ?? "";
                }
                else if (reader.ValueTextEquals("referenced"u8))
                {
                    Next(ref reader);
                    referenced = reader.TokenType switch
                    {
                        JsonTokenType.True => true,
                        JsonTokenType.False or JsonTokenType.Null => false,
                        _ => throw WrongType(ref reader, "fetchedConfigs' referenced", "true, false or null"),
                    };
                }
                else
                {
                    Next(ref reader);
                    reader.Skip();
                }
            }
            configs.Add(new FetchedConfig(kind, source, referenced));
        }
        return configs;
    }

    private static Dictionary<string, string>? ReadStringMap(ref Utf8JsonReader reader, string what)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        Expect(ref reader, JsonTokenType.StartObject, what, "an object");
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (NextProperty(ref reader))
        {
            var key = reader.GetString()!;
            Next(ref reader);
            Expect(ref reader, JsonTokenType.String, $"{what}' value", "a string");
            // A repeated key: the last one wins, as it did with the serializer.
            map[key] = reader.GetString()!;
        }
        return map;
    }

    private static List<string>? ReadStringList(ref Utf8JsonReader reader, string what)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        Expect(ref reader, JsonTokenType.StartArray, what, "an array");
        var list = new List<string>();
        while (NextItem(ref reader))
        {
            Expect(ref reader, JsonTokenType.String, $"an item of {what}", "a string");
            list.Add(reader.GetString()!);
        }
        return list;
    }

    /// <summary>An array of any JSON values, each kept as compact text (what the serializer's JsonNode wrote back).</summary>
    private static List<string>? ReadValueList(ref Utf8JsonReader reader, string what)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        Expect(ref reader, JsonTokenType.StartArray, what, "an array");
        var list = new List<string>();
        var buffer = new ArrayBufferWriter<byte>();
        while (NextItem(ref reader))
        {
            buffer.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                CopyValue(ref reader, writer);
            }
            list.Add(Encoding.UTF8.GetString(buffer.WrittenSpan));
        }
        return list;
    }

    /// <summary>Copies the value the reader is on, token by token: the whitespace goes, strings are escaped again.</summary>
    private static void CopyValue(ref Utf8JsonReader reader, Utf8JsonWriter writer)
    {
        var depth = reader.CurrentDepth;
        while (true)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    writer.WriteStartObject();
                    break;
                case JsonTokenType.EndObject:
                    writer.WriteEndObject();
                    break;
                case JsonTokenType.StartArray:
                    writer.WriteStartArray();
                    break;
                case JsonTokenType.EndArray:
                    writer.WriteEndArray();
                    break;
                case JsonTokenType.PropertyName:
                    writer.WritePropertyName(reader.GetString()!);
                    break;
                case JsonTokenType.String:
                    writer.WriteStringValue(reader.GetString());
                    break;
                case JsonTokenType.Number:
                    // As written: 1.50 stays 1.50.
                    writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    writer.WriteBooleanValue(reader.GetBoolean());
                    break;
                default:
                    writer.WriteNullValue();
                    break;
            }
            if (reader.CurrentDepth == depth && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
            {
                return;
            }
            Next(ref reader);
        }
    }

    private static string? ReadString(ref Utf8JsonReader reader, string what)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        Expect(ref reader, JsonTokenType.String, what, "a string or null");
        return reader.GetString();
    }

    /// <summary>In an object: true on the next property's name, false on its end.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        return reader.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>In an array: true on the next item's first token, false on its end.</summary>
    private static bool NextItem(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        return reader.TokenType != JsonTokenType.EndArray;
    }

    private static void Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("the JSON ends early");
        }
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what, string expected)
    {
        if (reader.TokenType != type)
        {
            throw WrongType(ref reader, what, expected);
        }
    }

    private static InvalidDataException WrongType(ref Utf8JsonReader reader, string what, string expected) =>
        new($"{what} must be {expected}, not {Describe(reader.TokenType)} (at byte {reader.TokenStartIndex})");

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => type.ToString(),
    };
}
