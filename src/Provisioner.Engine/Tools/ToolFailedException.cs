namespace Provisioner.Engine.Tools;

/// <summary>A program could not be started, or ended with a non-zero status; the message says which and what it printed.</summary>
public sealed class ToolFailedException(string message) : Exception(message);
