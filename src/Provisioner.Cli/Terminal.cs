namespace Provisioner.Cli;

/// <summary>The streams a command talks through; tests pass their own.</summary>
internal sealed record Terminal(Stream In, TextWriter Out, TextWriter Error);
