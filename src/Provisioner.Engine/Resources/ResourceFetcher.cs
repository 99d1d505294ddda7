using System.Security.Cryptography.X509Certificates;
using Provisioner.Config.Model;
using Provisioner.Engine.Logging;
using Provisioner.Engine.Resources.Cloud;
using Provisioner.Engine.Resources.Http;
using Provisioner.Engine.Resources.Tftp;

namespace Provisioner.Engine.Resources;

/// <summary>
/// Turns a config resource (<c>contents</c>, <c>append</c>, a referenced config, a CA bundle) into its
/// bytes: read from its source by the reader of its scheme (one switch, <see cref="OpenSource"/>),
/// gunzipped when <c>compression</c> says so, checked against <c>verification.hash</c> (which describes
/// the decompressed bytes). Offline (fetch-offline) anything but a data URL or the empty source raises
/// <see cref="NeedNetworkException"/>. Like Ignition's fetcher it carries the HTTP settings of the config
/// being worked on (<see cref="Configure(IgnitionSection)"/>), changed as referenced configs are rendered.
/// </summary>
public sealed class ResourceFetcher : IDisposable
{
    private readonly Dictionary<string, byte[]> authorityBundles = new(StringComparer.Ordinal);
    private HttpSettings settings = new();
    private bool? onGce;
    private HttpResourceClient? http;

    /// <summary>True in fetch-offline: any network resource means networking is needed.</summary>
    public bool Offline { get; init; }

    public Log Log { get; init; } = Log.Discard;

    /// <summary>Ignition's backoff; tests shorten it.</summary>
    public RetryBackoff Backoff { get; init; } = RetryBackoff.Ignition;

    /// <summary>How long a TFTP fetch waits for each packet; tests shorten it.</summary>
    public TimeSpan TftpTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The clouds' metadata services and object stores; only tests change them (<see cref="CloudEndpoints.FromEnvironment"/>).</summary>
    public CloudEndpoints Endpoints { get; init; } = CloudEndpoints.Real;

    /// <summary>The clock that signs S3 requests; tests fix it.</summary>
    internal Func<DateTime> Clock { get; init; } = () => DateTime.UtcNow;

    /// <summary>The platform id: on <c>aws</c> an s3 fetch signs with the instance role, as Ignition's AWS fetcher does; elsewhere it is anonymous.</summary>
    public string Platform { get; init; } = "";

    /// <summary>The HTTP client of the current settings, for what is not a config resource (a platform's metadata service).</summary>
    public HttpResourceClient Http => http ??= new HttpResourceClient(settings with { Backoff = Backoff }, Log);

    /// <summary>True when <paramref name="source"/> can be read without a network.</summary>
    public static bool IsLocal(string? source) => ResourceSource.IsLocal(source);

    /// <summary>
    /// The settings for fetching a platform's config, before any config is known: Ignition's defaults
    /// but a total limit of <paramref name="fetchTimeout"/> (the <c>-fetch-timeout</c> flag).
    /// </summary>
    public void ConfigureForPlatform(TimeSpan fetchTimeout) =>
        Replace(new HttpSettings { TotalTimeout = fetchTimeout, CertificateAuthorities = settings.CertificateAuthorities });

    /// <summary>
    /// Takes a config's timeouts, proxy and certificate authorities, as Ignition's
    /// <c>UpdateHttpTimeoutsAndCAs</c>: the timeouts and proxy replace the current ones; the authorities
    /// (each a resource, fetched once per source with the new timeouts and proxy) join the system's
    /// store, and an empty list keeps the ones already set.
    /// </summary>
    public void Configure(IgnitionSection ignition)
    {
        Replace(settings.WithTimeouts(ignition.Timeouts) with { Proxy = ignition.Proxy });
        var resources = ignition.Security.Tls.CertificateAuthorities;
        if (resources.Count == 0)
        {
            return;
        }
        var authorities = new List<X509Certificate2>();
        for (var i = 0; i < resources.Count; i++)
        {
            var what = $"certificate authority {i} ({ResourceSource.Describe(resources[i].Source ?? "")})";
            foreach (var certificate in CertificateAuthorities.ParseBundle(AuthorityBundle(resources[i], what), what))
            {
                Log.Info($"adding \"{certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false)}\" to the trusted certificate authorities");
                authorities.Add(certificate);
            }
        }
        Replace(settings with { CertificateAuthorities = authorities });
    }

    /// <summary>
    /// Rewrites each certificate authority of <paramref name="ignition"/> as a data URL of its fetched
    /// bytes, as Ignition does before caching a config, so the later stages trust them without a network.
    /// </summary>
    public void InlineCertificateAuthorities(IgnitionSection ignition)
    {
        foreach (var resource in ignition.Security.Tls.CertificateAuthorities)
        {
            var bundle = AuthorityBundle(resource, $"certificate authority {ResourceSource.Describe(resource.Source ?? "")}");
            resource.Source = "data:;base64," + Convert.ToBase64String(bundle);
            resource.HttpHeaders = [];
            resource.Compression = null;
        }
    }

    /// <summary>The resource's bytes; <paramref name="what"/> names it in errors ("file /etc/motd").</summary>
    public byte[] Fetch(Resource resource, string what)
    {
        using var stream = Open(resource, what);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>
    /// The resource's bytes as a stream, to be written as they arrive: decompressed and hashed on the way;
    /// reading its end throws if the hash does not match. Network failures before the body surface here,
    /// failures in the body surface from reading.
    /// </summary>
    public Stream Open(Resource resource, string what)
    {
        var gunzip = resource.Compression switch
        {
            null or "" => false,
            "gzip" => true,
            var other => throw new StageFailedException($"{what}: compression \"{other}\" is not supported"),
        };
        var expected = ExpectedHash.Parse(resource.Verification.Hash, what);
        var source = resource.Source ?? "";
        if (gunzip && ResourceSource.Scheme(source) is "s3" or "arn")
        {
            // Ignition's fetchFromS3: ErrCompressionUnsupported.
            throw new StageFailedException($"{what}: compression is not supported with that scheme");
        }
        var raw = OpenSource(source, resource, what);
        return new CheckedStream(raw, gunzip, expected, what, ResourceSource.Describe(source));
    }

    public void Dispose() => http?.Dispose();

    private Stream OpenSource(string source, Resource resource, string what)
    {
        var scheme = ResourceSource.Scheme(source);
        if (scheme is not ("" or "data") && Offline)
        {
            throw new NeedNetworkException(source);
        }
        return scheme switch
        {
            "" when source.Length == 0 => Stream.Null,
            "data" => new MemoryStream(DecodeData(source, what), writable: false),
            "http" or "https" => Http.Open(new HttpFetchRequest(ParseUrl(source, what)) { Headers = Headers(resource, what) }, what),
            "tftp" => new MemoryStream(new TftpClient(Log) { Timeout = TftpTimeout }.Read(ParseUrl(source, what), what), writable: false),
            "s3" or "arn" => new S3Resource(this) { Clock = Clock }.Open(source, what),
            "gs" => new GcsResource(this).Open(source, what, ref onGce),
            _ => throw new StageFailedException($"{what}: unsupported source scheme \"{scheme}\""),
        };
    }

    private static byte[] DecodeData(string source, string what)
    {
        try
        {
            return DataUrlDecoder.Decode(source);
        }
        catch (FormatException e)
        {
            throw new StageFailedException($"{what}: the data URL cannot be decoded: {e.Message}");
        }
    }

    private static Uri ParseUrl(string source, string what) =>
        Uri.TryCreate(source, UriKind.Absolute, out var url)
            ? url
            : throw new StageFailedException($"{what}: {ResourceSource.Describe(source)} is not a valid URL");

    /// <summary>The resource's httpHeaders; as Ignition, one without a value fails the fetch.</summary>
    private static List<KeyValuePair<string, string>> Headers(Resource resource, string what)
    {
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var header in resource.HttpHeaders)
        {
            if (header.Name.Length == 0)
            {
                throw new StageFailedException($"{what}: HTTP header name can't be empty");
            }
            if (string.IsNullOrEmpty(header.Value))
            {
                throw new StageFailedException($"{what}: unable to parse HTTP header {header.Name}: it has no value");
            }
            headers.Add(new(header.Name, header.Value));
        }
        return headers;
    }

    /// <summary>A CA resource's bytes, fetched once per source for the life of the fetcher (Ignition caches them so too).</summary>
    private byte[] AuthorityBundle(Resource resource, string what)
    {
        var source = resource.Source ?? throw new StageFailedException($"{what}: a certificate authority needs a source");
        if (!authorityBundles.TryGetValue(source, out var bundle))
        {
            bundle = Fetch(resource, what);
            authorityBundles[source] = bundle;
        }
        return bundle;
    }

    private void Replace(HttpSettings next)
    {
        settings = next;
        http?.Dispose();
        http = null;
    }
}
