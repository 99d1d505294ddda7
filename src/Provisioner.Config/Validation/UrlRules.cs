namespace Provisioner.Config.Validation;

/// <summary>Ignition's <c>validateURL</c>: which URLs a resource may be fetched from, per spec version.</summary>
internal static class UrlRules
{
    /// <summary>Returns Ignition's message for a source it refuses, or null.</summary>
    public static string? Validate(string s, RuleContext ctx)
    {
        var url = ParsedUrl.Parse(s);
        if (url is null)
        {
            return Messages.InvalidUrl;
        }
        switch (url.Scheme)
        {
            case "http" or "https" or "tftp":
                return null;
            case "gs" when ctx.AllowsGsUrls:
                return null;
            case "s3":
                return VersionIdError(url);
            case "arn" when ctx.AllowsArnUrls:
                return ArnError(url);
            case "data":
                return DataUrl.Validate(s);
            default:
                return Messages.InvalidScheme;
        }
    }

    /// <summary><c>validateURLNilOK</c>: null and "" are fine.</summary>
    public static string? ValidateNilOk(string? s, RuleContext ctx) => string.IsNullOrEmpty(s) ? null : Validate(s, ctx);

    private static string? VersionIdError(ParsedUrl url) =>
        ParsedUrl.FirstQueryValue(url.RawQuery, "versionId") is "" ? Messages.InvalidS3ObjectVersionId : null;

    /// <summary>An S3 bucket or access point ARN, as 3.4 added them.</summary>
    private static string? ArnError(ParsedUrl url)
    {
        var full = "arn:" + url.Opaque;
        // aws arn.IsARN; once it holds, arn.Parse cannot fail.
        if (full.Count(c => c == ':') < 5)
        {
            return Messages.InvalidS3Arn;
        }
        var sections = full.Split(':', 6);
        if (sections[2] != "s3")
        {
            return Messages.InvalidS3Arn;
        }
        var parts = full.Split('/').Length;
        if (sections[5].StartsWith("accesspoint/", StringComparison.Ordinal) ? parts < 3 : parts < 2)
        {
            return Messages.InvalidS3Arn;
        }
        return VersionIdError(url);
    }
}
