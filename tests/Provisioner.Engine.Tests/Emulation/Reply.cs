using System.Text;

namespace Provisioner.Engine.Tests.Emulation;

/// <summary>
/// One scripted answer of <see cref="LoopbackHttpServer"/>: a status, headers and a body, or a fault
/// (a stall before the headers, a body cut short, a connection closed without an answer).
/// </summary>
internal sealed record Reply
{
    public int Status { get; init; } = 200;

    public string? Reason { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public byte[] Body { get; init; } = [];

    /// <summary>Waited before anything is sent (a stall past the client's header timeout).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Never answers: the connection stays open and silent until the server is disposed.</summary>
    public bool Hangs { get; init; }

    /// <summary>Closes the connection without a byte of answer.</summary>
    public bool Drops { get; init; }

    /// <summary>The Content-Length announced when it is not the body's length (a larger one makes a truncated body).</summary>
    public long? DeclaredLength { get; init; }

    public static Reply Ok(string body) => Ok(Encoding.UTF8.GetBytes(body));

    public static Reply Ok(byte[] body) => new() { Body = body };

    public static Reply WithStatus(int status, string body = "") => new() { Status = status, Body = Encoding.UTF8.GetBytes(body) };

    public static Reply NotFound() => WithStatus(404, "not found\n");

    public static Reply Redirect(string location, int status = 302) => WithStatus(status).WithHeader("Location", location);

    /// <summary>Headers come after <paramref name="delay"/>, then the body.</summary>
    public static Reply Stall(TimeSpan delay, string body = "late") => Ok(body) with { Delay = delay };

    public static Reply Hang() => new() { Hangs = true };

    public static Reply Drop() => new() { Drops = true };

    /// <summary>Announces <paramref name="declared"/> bytes, sends <paramref name="body"/>, closes.</summary>
    public static Reply Truncated(string body, long declared) => Ok(body) with { DeclaredLength = declared };

    public Reply WithHeader(string name, string value) => this with { Headers = [.. Headers, new(name, value)] };

    public Reply After(TimeSpan delay) => this with { Delay = delay };
}
