namespace Provisioner.Config.Json;

/// <summary>The bytes are not JSON (or not text): the message says what, the offset says where.</summary>
internal sealed class ConfigSyntaxException(int offset, string message) : Exception(message)
{
    public int Offset { get; } = offset;
}
