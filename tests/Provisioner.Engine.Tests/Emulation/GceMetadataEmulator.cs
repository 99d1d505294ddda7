using System.Text;

namespace Provisioner.Engine.Tests.Emulation;

/// <summary>
/// The GCE metadata server as Google documents it, on 127.0.0.1: every request must carry
/// <c>Metadata-Flavor: Google</c> (or the legacy <c>X-Google-Metadata-Request: True</c>), else 403; answers
/// carry <c>Metadata-Flavor: Google</c>; an unset attribute is 404; the default service account's scopes
/// and OAuth token (for gs:// fetches). Faults queued per path come first.
/// </summary>
internal sealed class GceMetadataEmulator : IDisposable
{
    public const string UserDataPath = "/computeMetadata/v1/instance/attributes/user-data";
    public const string TokenPath = "/computeMetadata/v1/instance/service-accounts/default/token";
    public const string ScopesPath = "/computeMetadata/v1/instance/service-accounts/default/scopes";
    public const string AccessToken = "ya29.emulated-access-token";

    public GceMetadataEmulator(int port = 0)
    {
        Server = new LoopbackHttpServer(port: port);
        Route(UserDataPath, () => UserData is null ? null : Reply.Ok(UserData));
        Route(ScopesPath, () => ServiceAccount ? Reply.Ok("https://www.googleapis.com/auth/devstorage.read_only\n") : null);
        Route(TokenPath, () => ServiceAccount
            ? Reply.Ok($$"""{"access_token":"{{AccessToken}}","expires_in":3599,"token_type":"Bearer"}""").WithHeader("Content-Type", "application/json")
            : null);
    }

    public LoopbackHttpServer Server { get; }

    public MetadataFaults Faults { get; } = new();

    public byte[]? UserData { get; set; }

    /// <summary>The instance runs as a service account (has scopes and a token).</summary>
    public bool ServiceAccount { get; set; }

    public string BaseUrl => Server.Url("/");

    public void Dispose() => Server.Dispose();

    private void Route(string path, Func<Reply?> answer) =>
        Server.Handle(path, (request, _) => (Faults.Next(request.Path) ?? Answer(request, answer)).WithHeader("Metadata-Flavor", "Google"));

    private static Reply Answer(RecordedRequest request, Func<Reply?> answer)
    {
        if (request.Header("Metadata-Flavor") != "Google" && request.Header("X-Google-Metadata-Request") != "True")
        {
            return Reply.WithStatus(403, "Your client does not have permission to get URL from this server. Missing Metadata-Flavor:Google header.\n");
        }
        if (request.Has("X-Forwarded-For"))
        {
            return Reply.WithStatus(403);
        }
        return request.Method == "GET" ? answer() ?? Reply.NotFound() : Reply.WithStatus(405);
    }

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
