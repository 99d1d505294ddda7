using System.Text.Json.Serialization;

namespace Provisioner.Engine.State;

/// <summary>Source-generated JSON for the state file (no reflection: native AOT).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(EngineState))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
