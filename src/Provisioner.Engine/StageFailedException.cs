namespace Provisioner.Engine;

/// <summary>A stage cannot go on; the message is the one line that says what failed and where.</summary>
public sealed class StageFailedException(string message) : Exception(message);
