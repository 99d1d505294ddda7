using System.Text;

namespace Provisioner.Engine.Tests.Emulation;

/// <summary>
/// Azure's instance metadata service as Microsoft documents it, on 127.0.0.1: <c>Metadata: true</c> and an
/// <c>api-version</c> are required (else 400), <c>compute/userData</c> with <c>format=text</c> is the user
/// data in base64 and an empty 200 when unset. 404, 410 and 429 ("updating", "throttled") are faults a test
/// queues. Faults queued per path come first.
/// </summary>
internal sealed class AzureImdsEmulator : IDisposable
{
    public const string UserDataPath = "/metadata/instance/compute/userData";

    public AzureImdsEmulator()
    {
        Server.Handle(UserDataPath, (request, _) => Faults.Next(request.Path) ?? Answer(request));
    }

    public LoopbackHttpServer Server { get; } = new();

    public MetadataFaults Faults { get; } = new();

    /// <summary>The user data (served base64-encoded), or null: an empty 200.</summary>
    public byte[]? UserData { get; set; }

    public string BaseUrl => Server.Url("/");

    public IReadOnlyList<RecordedRequest> UserDataRequests => [.. Server.Requests.Where(r => r.Path.Split('?')[0] == UserDataPath)];

    public void Dispose() => Server.Dispose();

    private Reply Answer(RecordedRequest request)
    {
        var query = request.Path.Contains('?', StringComparison.Ordinal) ? request.Path[(request.Path.IndexOf('?', StringComparison.Ordinal) + 1)..] : "";
        var parameters = query.Split('&', StringSplitOptions.RemoveEmptyEntries);
        if (request.Header("Metadata") != "true")
        {
            return Reply.WithStatus(400, """{"error":"Bad request. Required metadata header not specified"}""");
        }
        if (!parameters.Any(p => p.StartsWith("api-version=", StringComparison.Ordinal)))
        {
            return Reply.WithStatus(400, """{"error":"Bad request. api-version was not specified in the request"}""");
        }
        if (!parameters.Contains("format=text"))
        {
            return Reply.WithStatus(400, """{"error":"Bad request. Leaf values need format=text"}""");
        }
        return Reply.Ok(UserData is null ? "" : Convert.ToBase64String(UserData)).WithHeader("Content-Type", "text/plain; charset=utf-8");
    }

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
