namespace Provisioner.Engine.Resources.Http;

/// <summary>
/// One HTTP fetch: a GET of a config resource, or what a platform's metadata service needs (another verb,
/// its own headers, statuses it answers while not ready yet).
/// </summary>
public sealed record HttpFetchRequest(Uri Url)
{
    public string Method { get; init; } = "GET";

    /// <summary>Sent to <see cref="Url"/> only, over Ignition's defaults of the same name: a redirect drops them all.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Statuses below 500 that are retried rather than final (Azure: 404, 410, 429). 5xx always is.</summary>
    public IReadOnlyList<int> RetryCodes { get; init; } = [];

    /// <summary>Statuses below 500 taken as an answer like 200 (S3's region probe: 301, 400 and 403 name the bucket's region too).</summary>
    public IReadOnlyList<int> AcceptedCodes { get; init; } = [];

    /// <summary>Told the final answer's status and headers, before its status is judged.</summary>
    public Action<int, System.Net.Http.Headers.HttpResponseHeaders>? Answered { get; init; }

    public byte[]? Body { get; init; }

    /// <summary>Ends the fetch early, between or during attempts (a race another source won): it then throws <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>
    /// What a boot is waiting for while this request is retried ("config from aws"): each failed attempt
    /// is then logged as "waiting for config from aws: attempt 6, last error: connection refused".
    /// </summary>
    public string? WaitingFor { get; init; }
}
