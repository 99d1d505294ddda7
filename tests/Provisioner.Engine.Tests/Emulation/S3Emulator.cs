using System.Globalization;
using Provisioner.Engine.Resources.Cloud;

namespace Provisioner.Engine.Tests.Emulation;

/// <summary>
/// An S3 endpoint addressed path-style on 127.0.0.1: <c>HEAD /BUCKET</c> answers the bucket's region in
/// <c>x-amz-bucket-region</c> to anyone (as S3 does, even with 403 or 301), <c>GET /BUCKET/KEY</c> serves
/// objects. A private object needs a valid SigV4 signature by the known credentials, checked by recomputing
/// it from the request as received (scope date, region, service s3, signed headers, payload hash);
/// otherwise 403 AccessDenied. A public object is served to anyone.
/// </summary>
internal sealed class S3Emulator : IDisposable
{
    public S3Emulator(AwsCredentials credentials) => Credentials = credentials;

    public LoopbackHttpServer Server { get; } = new();

    public AwsCredentials Credentials { get; }

    public string BaseUrl => Server.Url("/");

    /// <summary>The bucket, its region and how HEAD answers (S3 answers 403 to anonymous HEADs of private buckets).</summary>
    public void Bucket(string bucket, string region, int headStatus = 200) =>
        Server.Handle("/" + bucket, (request, _) => request.Method == "HEAD"
            ? Reply.WithStatus(headStatus).WithHeader("x-amz-bucket-region", region)
            : Reply.WithStatus(405));

    public void Object(string bucket, string key, string region, byte[] contents, bool isPublic = false) =>
        Server.Handle($"/{bucket}/{AwsSignatureV4.EncodePath(key)}", (request, _) =>
            request.Method != "GET" ? Reply.WithStatus(405)
            : isPublic || Verify(request, region) is null ? Reply.Ok(contents)
            : Reply.WithStatus(403, $"<Error><Code>AccessDenied</Code><Message>{Verify(request, region)}</Message></Error>"));

    /// <summary>Null when the request carries a valid signature; else why not.</summary>
    public string? Verify(RecordedRequest request, string region)
    {
        var authorization = request.Header("Authorization");
        if (authorization is null)
        {
            return "anonymous";
        }
        var date = request.Header("x-amz-date");
        if (date is null || !DateTime.TryParseExact(date, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
        {
            return "no x-amz-date";
        }
        var signedHeaders = authorization.Split("SignedHeaders=")[1].Split(',')[0].Trim().Split(';');
        if (!signedHeaders.Contains("host") || !signedHeaders.Contains("x-amz-content-sha256") || !signedHeaders.Contains("x-amz-date"))
        {
            return "host, x-amz-content-sha256 and x-amz-date must be signed";
        }
        if (Credentials.SessionToken is { } token && request.Header("x-amz-security-token") != token)
        {
            return "x-amz-security-token missing or wrong";
        }
        var path = request.Path.Split('?')[0];
        var query = request.Path.Contains('?', StringComparison.Ordinal) ? request.Path.Split('?', 2)[1] : "";
        var canonical = AwsSignatureV4.CanonicalRequest("GET", path, query,
            signedHeaders.Select(name => new KeyValuePair<string, string>(name, request.Header(name) ?? "")),
            request.Header("x-amz-content-sha256") ?? "", out _);
        var scope = AwsSignatureV4.Scope(time, region, "s3");
        var signature = AwsSignatureV4.Signature(AwsSignatureV4.SigningKey(Credentials.SecretAccessKey, time, region, "s3"),
            AwsSignatureV4.StringToSign(time, scope, canonical));
        var expected = $"{AwsSignatureV4.Algorithm} Credential={Credentials.AccessKeyId}/{scope}, SignedHeaders={string.Join(';', signedHeaders)}, Signature={signature}";
        return authorization == expected ? null : "SignatureDoesNotMatch";
    }

    public void Dispose() => Server.Dispose();
}
