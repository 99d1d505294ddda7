using System.Text.Json.Serialization;
using Provisioner.Config.Model;

namespace Provisioner.Config.Json;

/// <summary>Source-generated (de)serialisation of the model: no reflection, safe for native AOT.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(Configuration))]
[JsonSerializable(typeof(Model.File))]
[JsonSerializable(typeof(Model.Directory))]
[JsonSerializable(typeof(Link))]
internal sealed partial class ConfigJsonContext : JsonSerializerContext;
