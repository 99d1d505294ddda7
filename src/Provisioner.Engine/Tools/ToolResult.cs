namespace Provisioner.Engine.Tools;

/// <summary>How a program ended and what it printed.</summary>
public sealed record ToolResult(int ExitCode, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;
}
