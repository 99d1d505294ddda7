using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Provisioner.Engine.Resources.Cloud;

/// <summary>
/// AWS Signature Version 4, written from AWS's description of it: a canonical request (method, URI-encoded
/// path, sorted query, lower-cased trimmed sorted headers, the signed header list, the payload hash), a
/// string to sign (algorithm, time, scope, the canonical request's SHA-256), a key derived by HMAC-SHA256
/// from "AWS4" + secret through date, region, service and "aws4_request", and the Authorization header.
/// </summary>
public static class AwsSignatureV4
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>SHA-256 of nothing: the payload hash of a GET.</summary>
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>
    /// The canonical request. <paramref name="path"/> and <paramref name="query"/> are as sent (already
    /// URI-encoded, query without "?"); the query's parameters are sorted here.
    /// </summary>
    public static string CanonicalRequest(string method, string path, string query, IEnumerable<KeyValuePair<string, string>> headers, string payloadHash, out string signedHeaders)
    {
        var canonical = headers
            .GroupBy(h => h.Key.ToLowerInvariant(), StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Value: string.Join(',', g.Select(h => CollapseSpaces(h.Value.Trim())))))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .ToList();
        signedHeaders = string.Join(';', canonical.Select(h => h.Name));
        var sortedQuery = string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Contains('=', StringComparison.Ordinal) ? p : p + "=")
            .OrderBy(p => p[..p.IndexOf('=', StringComparison.Ordinal)], StringComparer.Ordinal)
            .ThenBy(p => p, StringComparer.Ordinal));
        var builder = new StringBuilder();
        builder.Append(method).Append('\n');
        builder.Append(path.Length == 0 ? "/" : path).Append('\n');
        builder.Append(sortedQuery).Append('\n');
        foreach (var (name, value) in canonical)
        {
            builder.Append(name).Append(':').Append(value).Append('\n');
        }
        builder.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash);
        return builder.ToString();
    }

    /// <summary>date/region/service/aws4_request.</summary>
    public static string Scope(DateTime time, string region, string service) =>
        $"{time.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}/{region}/{service}/aws4_request";

    public static string StringToSign(DateTime time, string scope, string canonicalRequest) =>
        $"{Algorithm}\n{AmzDate(time)}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";

    public static byte[] SigningKey(string secretAccessKey, DateTime time, string region, string service)
    {
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), time.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        key = Hmac(key, region);
        key = Hmac(key, service);
        return Hmac(key, "aws4_request");
    }

    public static string Signature(byte[] signingKey, string stringToSign) => Hex(Hmac(signingKey, stringToSign));

    /// <summary>20150830T123600Z.</summary>
    public static string AmzDate(DateTime time) => time.ToUniversalTime().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// The headers that sign a request for S3: x-amz-date, x-amz-content-sha256, x-amz-security-token (with a
    /// session token) and Authorization, computed over those and <c>host</c> (<paramref name="url"/>'s authority).
    /// </summary>
    public static List<KeyValuePair<string, string>> SignS3(string method, Uri url, AwsCredentials credentials, string region, DateTime now)
    {
        var signed = new List<KeyValuePair<string, string>>
        {
            new("x-amz-date", AmzDate(now)),
            new("x-amz-content-sha256", EmptyPayloadHash),
        };
        if (credentials.SessionToken is { Length: > 0 } token)
        {
            signed.Add(new("x-amz-security-token", token));
        }
        var query = url.Query.Length > 0 ? url.Query[1..] : "";
        var canonical = CanonicalRequest(method, url.AbsolutePath, query, signed.Prepend(new("host", url.Authority)), EmptyPayloadHash, out var signedHeaders);
        var scope = Scope(now, region, "s3");
        var signature = Signature(SigningKey(credentials.SecretAccessKey, now, region, "s3"), StringToSign(now, scope, canonical));
        signed.Add(new("Authorization", $"{Algorithm} Credential={credentials.AccessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}"));
        return signed;
    }

    /// <summary>S3's URI encoding of one key: every byte but A-Z a-z 0-9 - . _ ~ as %XX; '/' kept between segments.</summary>
    public static string EncodePath(string key)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '/')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }

    private static string CollapseSpaces(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c == ' ' && builder.Length > 0 && builder[^1] == ' ')
            {
                continue;
            }
            builder.Append(c);
        }
        return builder.ToString();
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
