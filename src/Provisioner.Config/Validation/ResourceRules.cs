using Provisioner.Config.Model;
using Provisioner.Config.Reporting;

namespace Provisioner.Config.Validation;

/// <summary>What a resource is used for: before 3.1 each use had its own type with its own checks.</summary>
internal enum ResourceUse
{
    Config,
    CertificateAuthority,
    FileContents,
    KeyFile,
}

/// <summary>
/// A fetched resource (3.1+ <c>Resource</c>; 3.0 <c>ConfigReference</c>, <c>CaReference</c>,
/// <c>FileContents</c>): its own checks, then its headers and its verification, in Go field order.
/// </summary>
internal static class ResourceRules
{
    public static void Validate(Resource resource, JsonPath path, ResourceUse use, RuleContext ctx)
    {
        if (ctx.HasResources)
        {
            ctx.Error(path, "compression", Compression(resource));
            ctx.Error(path, "verification", "hash", VerificationWithoutSource(resource));
            ctx.Error(path, "source", UrlRules.ValidateNilOk(resource.Source, ctx));
            ctx.Error(path, "httpHeaders", SchemeForHeaders(resource, ctx));
            for (var i = 0; i < resource.HttpHeaders.Count; i++)
            {
                var header = resource.HttpHeaders[i];
                if (header.Name.Length == 0)
                {
                    ctx.Error(path.Append("httpHeaders").Append(i), "name", Messages.EmptyHttpHeaderName);
                }
                if (header.Value is "")
                {
                    ctx.Error(path.Append("httpHeaders").Append(i), "value", Messages.InvalidHttpHeader);
                }
            }
        }
        else
        {
            switch (use)
            {
                case ResourceUse.CertificateAuthority:
                    // 3.0 CaReference: a plain string source, checked even when empty.
                    ctx.Error(path, "source", UrlRules.Validate(resource.Source ?? "", ctx));
                    break;
                case ResourceUse.FileContents:
                    ctx.Error(path, "compression", Compression(resource));
                    ctx.Error(path, "verification", "hash", VerificationWithoutSource(resource));
                    ctx.Error(path, "source", UrlRules.ValidateNilOk(resource.Source, ctx));
                    break;
                default:
                    ctx.Error(path, "source", UrlRules.ValidateNilOk(resource.Source, ctx));
                    break;
            }
        }
        ctx.Error(path, "verification", "hash", Verification(resource.Verification.Hash, ctx));
    }

    /// <summary><c>validateRequiredSource</c> (3.1+ merge items and CAs), reported on the item itself.</summary>
    public static string? RequiredSource(Resource resource, RuleContext ctx) =>
        string.IsNullOrEmpty(resource.Source) ? Messages.SourceRequired : UrlRules.Validate(resource.Source, ctx);

    private static string? Compression(Resource resource) =>
        resource.Compression is null or "" or "gzip" ? null : Messages.CompressionInvalid;

    private static string? VerificationWithoutSource(Resource resource) =>
        resource.Verification.Hash is not null && resource.Source is null ? Messages.VerificationAndNilSource : null;

    private static string? SchemeForHeaders(Resource resource, RuleContext ctx)
    {
        if (resource.HttpHeaders.Count == 0)
        {
            return null;
        }
        if (string.IsNullOrEmpty(resource.Source) || ParsedUrl.Parse(resource.Source) is not { } url)
        {
            return Messages.InvalidUrl;
        }
        return url.Scheme is "http" or "https" ? null : Messages.UnsupportedSchemeForHttpHeaders;
    }

    private static string? Verification(string? hash, RuleContext ctx)
    {
        if (hash is null)
        {
            return null;
        }
        var dash = hash.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return Messages.HashMalformed;
        }
        var function = hash.AsSpan(0, dash);
        int hexLength;
        if (function is "sha512")
        {
            hexLength = 128;
        }
        else if (function is "sha256" && ctx.AllowsSha256)
        {
            hexLength = 64;
        }
        else
        {
            return Messages.HashUnrecognized;
        }
        return GoText.ByteLength(hash[(dash + 1)..]) != hexLength ? Messages.HashWrongSize : null;
    }
}
