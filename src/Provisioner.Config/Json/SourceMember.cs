namespace Provisioner.Config.Json;

/// <summary>One <c>"key": value</c> of a JSON object, with the byte offset of the key's opening quote.</summary>
internal readonly record struct SourceMember(string Key, int KeyOffset, SourceNode Value);
