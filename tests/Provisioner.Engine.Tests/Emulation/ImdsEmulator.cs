using System.Globalization;
using System.Text;

namespace Provisioner.Engine.Tests.Emulation;

/// <summary>
/// The EC2 instance metadata service as AWS documents it, on 127.0.0.1: the IMDSv2 token PUT (TTL header
/// required, 1..21600, else 400; other verbs 405; the TTL echoed), GETs that check the token (unknown or
/// revoked: 401; missing while IMDSv2 is required: 401), user data served raw as octet-stream (404 when
/// unset) under <c>/latest/</c> and the versioned prefixes, the region, and the instance role's credentials.
/// Modes: IMDSv2 optional or required, IMDS disabled (403 on everything) and the old IMDSv1-only service
/// (404 on the token PUT). Faults queued per path come first.
/// </summary>
internal sealed class ImdsEmulator : IDisposable
{
    public const string TokenPath = "/latest/api/token";

    private static readonly string[] Prefixes = ["/latest/", "/2019-10-01/", "/2021-01-03/"];

    private readonly Lock gate = new();
    private readonly HashSet<string> validTokens = new(StringComparer.Ordinal);
    private int issued;

    public ImdsEmulator(int port = 0)
    {
        Server = new LoopbackHttpServer(port: port);
        Server.Handle(TokenPath, (request, _) => Faults.Next(request.Path) ?? Token(request));
        foreach (var prefix in Prefixes)
        {
            Route(prefix + "user-data", () => UserData is null ? null : Reply.Ok(UserData).WithHeader("Content-Type", "application/octet-stream"));
            Route(prefix + "meta-data/placement/region", () => Region is null ? null : Reply.Ok(Region));
            Route(prefix + "meta-data/iam/security-credentials/", () => Credentials is null ? null : Reply.Ok(RoleName + "\n"));
            Route(prefix + "dynamic/instance-identity/document", () => Region is null ? null : Reply.Ok($$"""{"region":"{{Region}}","instanceId":"i-0123456789"}"""));
        }
    }

    public enum Modes
    {
        Optional,
        Required,
        Disabled,
        V1Only,
    }

    public LoopbackHttpServer Server { get; }

    public MetadataFaults Faults { get; } = new();

    public Modes Mode { get; set; } = Modes.Optional;

    public byte[]? UserData { get; set; }

    public string? Region { get; set; }

    /// <summary>The instance role's name, listed at iam/security-credentials/ when <see cref="Credentials"/> is set.</summary>
    public const string RoleName = "provisioner-role";

    /// <summary>The role's credentials document, as IMDS serves it at iam/security-credentials/ROLE.</summary>
    public string? Credentials { get; set; }

    public string BaseUrl => Server.Url("/");

    public IReadOnlyList<RecordedRequest> TokenRequests => Server.RequestsTo(TokenPath);

    /// <summary>Every token issued so far stops being valid (its TTL ran out): the next GET with one gets 401.</summary>
    public void ExpireTokens()
    {
        lock (gate)
        {
            validTokens.Clear();
        }
    }

    public void Dispose() => Server.Dispose();

    private void Route(string path, Func<Reply?> answer)
    {
        Server.Handle(path, (request, _) => Faults.Next(request.Path) ?? Get(request, answer));
        if (path.EndsWith("security-credentials/", StringComparison.Ordinal))
        {
            // The role's own document lives one level down; LoopbackHttpServer routes exact paths, so add it when asked.
            Server.Handle(path + RoleName, (request, _) => Faults.Next(request.Path) ?? Get(request, () => Credentials is null ? null : Reply.Ok(Credentials)));
        }
    }

    private Reply Token(RecordedRequest request)
    {
        if (Mode == Modes.Disabled)
        {
            return Reply.WithStatus(403, "Forbidden\n");
        }
        if (Mode == Modes.V1Only)
        {
            return Reply.NotFound();
        }
        if (request.Method != "PUT")
        {
            return Reply.WithStatus(405);
        }
        if (!int.TryParse(request.Header("X-aws-ec2-metadata-token-ttl-seconds"), NumberStyles.None, CultureInfo.InvariantCulture, out var ttl)
            || ttl is < 1 or > 21600)
        {
            return Reply.WithStatus(400, "missing or invalid X-aws-ec2-metadata-token-ttl-seconds\n");
        }
        string token;
        lock (gate)
        {
            token = $"AQAEA-token-{++issued}";
            validTokens.Add(token);
        }
        return Reply.Ok(token).WithHeader("X-aws-ec2-metadata-token-ttl-seconds", ttl.ToString(CultureInfo.InvariantCulture));
    }

    private Reply Get(RecordedRequest request, Func<Reply?> answer)
    {
        if (Mode == Modes.Disabled)
        {
            return Reply.WithStatus(403, "Forbidden\n");
        }
        if (request.Method != "GET")
        {
            return Reply.WithStatus(405);
        }
        var token = request.Header("X-aws-ec2-metadata-token");
        bool valid;
        lock (gate)
        {
            valid = token is not null && validTokens.Contains(token);
        }
        if ((token is not null && !valid) || (token is null && Mode == Modes.Required))
        {
            return Reply.WithStatus(401, "Unauthorized\n");
        }
        return answer() ?? Reply.NotFound();
    }

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
