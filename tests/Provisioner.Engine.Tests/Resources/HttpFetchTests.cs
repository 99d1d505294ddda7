using System.Text;
using Provisioner.Engine.Resources;
using Provisioner.Engine.Resources.Http;
using Provisioner.Engine.Tests.Emulation;
using Provisioner.Engine.Tests.Logging;
using Provisioner.Engine.Tests.Stages;

namespace Provisioner.Engine.Tests.Resources;

/// <summary>
/// The http scheme against a real loopback server: Ignition's headers, which answers are retried and
/// which are final, timeouts, bodies cut short, redirects and the headers they drop, gzip and hashes.
/// </summary>
public sealed class HttpFetchTests : IDisposable
{
    private readonly LoopbackHttpServer server = new();
    private readonly ListLogSink log = new();

    public void Dispose() => server.Dispose();

    [Fact]
    public void EveryRequestCarriesIgnitionsHeadersAndTheResourcesOwn()
    {
        server.Serve("/config", Reply.Ok("{}"));
        using var fetcher = Fast.Fetcher(log);

        fetcher.Fetch(Fast.Resource(server.Url("/config"), headers: [("X-Auth", "secret-token"), ("x-two", "a"), ("X-Two", "b")]), "test");

        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.StartsWith("Ignition/", request.Header("User-Agent"), StringComparison.Ordinal);
        Assert.Equal("application/vnd.coreos.ignition+json;version=3.6.0, */*;q=0.1", request.Header("Accept"));
        Assert.Equal("identity", request.Header("Accept-Encoding"));
        Assert.Equal("secret-token", request.Header("X-Auth"));
        Assert.Equal(["b"], request.Headers.Where(h => h.Key.Equals("X-Two", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value));
        Assert.DoesNotContain("secret-token", log.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public void AResourceHeaderOverridesIgnitionsDefaultOfTheSameName()
    {
        server.Serve("/x", Reply.Ok("x"));
        using var fetcher = Fast.Fetcher(log);

        fetcher.Fetch(Fast.Resource(server.Url("/x"), headers: [("Accept", "*/*"), ("User-Agent", "custom")]), "test");

        var request = Assert.Single(server.Requests);
        Assert.Equal("*/*", request.Header("Accept"));
        Assert.Equal("custom", request.Header("User-Agent"));
    }

    [Fact]
    public void A5xxBurstIsRetriedWithEachAttemptLoggedThenTheBodyIsReturned()
    {
        server.Serve("/flaky", Reply.WithStatus(503), Reply.WithStatus(500), Reply.WithStatus(502), Reply.Ok("finally"));
        using var fetcher = Fast.Fetcher(log);

        var data = fetcher.Fetch(Fast.Resource(server.Url("/flaky")), "test");

        Assert.Equal("finally", Encoding.UTF8.GetString(data));
        Assert.Equal(4, server.RequestsTo("/flaky").Count);
        var url = server.Url("/flaky");
        Assert.Contains($"GET {url} attempt 1: 503 Service Unavailable; next attempt in 5 ms", log.Messages);
        Assert.Contains($"GET {url} attempt 2: 500 Internal Server Error; next attempt in 10 ms", log.Messages);
        Assert.Contains($"GET {url} attempt 3: 502 Bad Gateway; next attempt in 20 ms", log.Messages);
        Assert.Contains($"GET {url} attempt 4: 200 OK", log.Messages);
    }

    [Fact]
    public void NotFoundIsFinalAtOnce()
    {
        server.Serve("/missing", Reply.NotFound());
        using var fetcher = Fast.Fetcher(log);

        var e = Assert.Throws<ResourceNotFoundException>(() => fetcher.Fetch(Fast.Resource(server.Url("/missing")), "file /etc/motd"));

        Assert.Equal($"file /etc/motd: GET {server.Url("/missing")}: resource not found (404 Not Found)", e.Message);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData(403, "403 Forbidden")]
    [InlineData(410, "410 Gone")]
    [InlineData(302, "302 Found")]
    public void OtherStatusesBelow500FailAtOnce(int status, string text)
    {
        server.Serve("/x", Reply.WithStatus(status));
        using var fetcher = Fast.Fetcher(log);

        var e = Assert.Throws<HttpStatusException>(() => fetcher.Fetch(Fast.Resource(server.Url("/x")), "test"));

        Assert.EndsWith($": failed to fetch resource ({text})", e.Message, StringComparison.Ordinal);
        Assert.Equal(status, e.Status);
        Assert.Single(server.Requests);
    }

    [Fact]
    public void NoContentIsAnEmptySuccess()
    {
        server.Serve("/empty", Reply.WithStatus(204));
        using var fetcher = Fast.Fetcher(log);

        Assert.Empty(fetcher.Fetch(Fast.Resource(server.Url("/empty")), "test"));
    }

    [Fact]
    public void ANotFoundThatTurnsIntoOkIsWaitedForWhenTheCallerRetries404()
    {
        server.Serve("/userdata", Reply.NotFound(), Reply.NotFound(), Reply.Ok("late user data"));
        using var client = Fast.Client(log);

        var data = client.Read(new HttpFetchRequest(new Uri(server.Url("/userdata"))) { RetryCodes = [404, 410, 429] }, "user data");

        Assert.Equal("late user data", Encoding.UTF8.GetString(data));
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public void AStallPastTheHeaderTimeoutIsRetried()
    {
        server.Serve("/slow", Reply.Stall(TimeSpan.FromSeconds(5)), Reply.Ok("quick"));
        using var client = Fast.Client(log, new HttpSettings { ResponseHeaderTimeout = TimeSpan.FromMilliseconds(300) });

        var data = client.Read(new HttpFetchRequest(new Uri(server.Url("/slow"))), "test");

        Assert.Equal("quick", Encoding.UTF8.GetString(data));
        Assert.Equal(2, server.Requests.Count);
        Assert.Contains($"GET {server.Url("/slow")} attempt 1: no response headers within 300 ms; next attempt in 5 ms", log.Messages);
    }

    [Fact]
    public void ADroppedConnectionIsRetried()
    {
        server.Serve("/x", Reply.Drop(), Reply.Ok("second time"));
        using var fetcher = Fast.Fetcher(log);

        Assert.Equal("second time", Encoding.UTF8.GetString(fetcher.Fetch(Fast.Resource(server.Url("/x")), "test")));
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public void HttpTotalBoundsTheRetriesOfARefusedConnectionAndSaysWhatFailedLast()
    {
        var url = $"http://127.0.0.1:{Fast.ClosedPort()}/config";
        using var fetcher = Fast.Bounded(log, seconds: 1);

        var e = Assert.Throws<StageFailedException>(() => fetcher.Fetch(Fast.Resource(url), "the config"));

        Assert.StartsWith($"the config: GET {url}: unable to fetch resource in time (httpTotal 1 s, ", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("attempts; last error: connection refused)", e.Message, StringComparison.Ordinal);
        Assert.Contains(log.Messages, m => m.StartsWith($"GET {url} attempt 6: connection refused; next attempt in 40 ms", StringComparison.Ordinal));
    }

    [Fact]
    public void HttpTotalAlsoBoundsAServerThatNeverAnswers()
    {
        server.Serve("/never", Reply.Hang());
        using var fetcher = Fast.Bounded(log, seconds: 1);
        var started = DateTime.UtcNow;

        var e = Assert.Throws<StageFailedException>(() => fetcher.Fetch(Fast.Resource(server.Url("/never")), "test"));

        Assert.Contains("unable to fetch resource in time (httpTotal 1 s, 1 attempts; last error: no answer yet)", e.Message, StringComparison.Ordinal);
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void ABodyCutShortFailsWithoutARetry()
    {
        server.Serve("/cut", Reply.Truncated("only part", declared: 1000));
        using var fetcher = Fast.Fetcher(log);

        var e = Assert.Throws<StageFailedException>(() => fetcher.Fetch(Fast.Resource(server.Url("/cut")), "file /etc/big"));

        Assert.StartsWith($"file /etc/big: GET {server.Url("/cut")}: reading the body failed: ", e.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public void ARedirectOnTheSameHostDropsTheResourcesHeadersAndTheAccept()
    {
        server.Serve("/old", Reply.Redirect("/new"));
        server.Serve("/new", Reply.Ok("moved"));
        using var fetcher = Fast.Fetcher(log);

        var data = fetcher.Fetch(Fast.Resource(server.Url("/old"), headers: [("X-Auth", "secret")]), "test");

        Assert.Equal("moved", Encoding.UTF8.GetString(data));
        Assert.Equal("secret", server.RequestsTo("/old").Single().Header("X-Auth"));
        var redirected = server.RequestsTo("/new").Single();
        Assert.False(redirected.Has("X-Auth"));
        Assert.False(redirected.Has("Accept"));
        Assert.StartsWith("Ignition/", redirected.Header("User-Agent"), StringComparison.Ordinal);
        Assert.Equal("identity", redirected.Header("Accept-Encoding"));
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(303)]
    [InlineData(307)]
    [InlineData(308)]
    public void ARedirectToAnotherHostDropsTheResourcesHeaders(int status)
    {
        using var other = new LoopbackHttpServer().Serve("/elsewhere", Reply.Ok("there"));
        server.Serve("/here", Reply.Redirect(other.Url("/elsewhere"), status));
        using var fetcher = Fast.Fetcher(log);

        var data = fetcher.Fetch(Fast.Resource(server.Url("/here"), headers: [("Authorization", "Bearer secret")]), "test");

        Assert.Equal("there", Encoding.UTF8.GetString(data));
        Assert.Equal("Bearer secret", server.Requests.Single().Header("Authorization"));
        Assert.False(other.Requests.Single().Has("Authorization"));
    }

    [Fact]
    public void A5xxAfterARedirectRetriesFromTheOriginalUrl()
    {
        server.Serve("/start", Reply.Redirect("/target"));
        server.Serve("/target", Reply.WithStatus(503), Reply.Ok("ok"));
        using var fetcher = Fast.Fetcher(log);

        fetcher.Fetch(Fast.Resource(server.Url("/start")), "test");

        Assert.Equal(["/start", "/target", "/start", "/target"], server.Requests.Select(r => r.Path));
    }

    [Fact]
    public void ARedirectLoopStopsAfterTenRedirects()
    {
        server.Serve("/loop", Reply.Redirect("/loop"));
        using var fetcher = Fast.Fetcher(log);

        var e = Assert.Throws<StageFailedException>(() => fetcher.Fetch(Fast.Resource(server.Url("/loop")), "test"));

        Assert.EndsWith("stopped after 10 redirects", e.Message, StringComparison.Ordinal);
        Assert.Equal(11, server.Requests.Count);
    }

    [Fact]
    public void GzipIsDecompressedAndTheHashIsOfTheDecompressedBytes()
    {
        server.Serve("/motd.gz", Reply.Ok(Ign.Gzip("hello from gzip\n")));
        using var fetcher = Fast.Fetcher(log);

        var data = fetcher.Fetch(Fast.Resource(server.Url("/motd.gz"), Ign.Sha512("hello from gzip\n"), "gzip"), "test");

        Assert.Equal("hello from gzip\n", Encoding.UTF8.GetString(data));
    }

    [Fact]
    public void AHashMismatchNamesBothHashesAndTheUrl()
    {
        server.Serve("/motd", Reply.Ok("tampered"));
        using var fetcher = Fast.Fetcher(log);
        var expected = Ign.Sha512("original");

        var e = Assert.Throws<StageFailedException>(() => fetcher.Fetch(Fast.Resource(server.Url("/motd"), expected), "file /etc/motd"));

        Assert.Equal($"file /etc/motd: the contents do not match verification.hash: expected {expected}, got {Ign.Sha512("tampered")} (fetched from {server.Url("/motd")})", e.Message);
    }

    [Fact]
    public void OfflineAnHttpResourceNeedsTheNetworkAndNothingIsSent()
    {
        using var fetcher = Fast.Fetcher(log, offline: true);

        var e = Assert.Throws<NeedNetworkException>(() => fetcher.Fetch(Fast.Resource(server.Url("/x")), "test"));

        Assert.Equal(server.Url("/x"), e.Url);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void AHeaderWithoutAValueFailsBeforeAnythingIsSent()
    {
        using var fetcher = Fast.Fetcher(log);

        var e = Assert.Throws<StageFailedException>(() => fetcher.Fetch(Fast.Resource(server.Url("/x"), headers: [("X-Removed", null)]), "test"));

        Assert.Equal("test: unable to parse HTTP header X-Removed: it has no value", e.Message);
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("ftp://host/x", "test: unsupported source scheme \"ftp\"")]
    [InlineData("gopher://host/x", "test: unsupported source scheme \"gopher\"")]
    public void UnknownSchemesFailClearly(string source, string expected)
    {
        using var fetcher = Fast.Fetcher(log);

        Assert.Equal(expected, Assert.Throws<StageFailedException>(() => fetcher.Fetch(Fast.Resource(source), "test")).Message);
    }

    [Fact]
    public void APasswordInAUrlIsNeverLogged()
    {
        server.Serve("/private", Reply.Ok("x"));
        using var fetcher = Fast.Fetcher(log);
        var url = server.Url("/private").Replace("://", "://user:hunter2@", StringComparison.Ordinal);

        fetcher.Fetch(Fast.Resource(url), "test");

        Assert.DoesNotContain("hunter2", log.AllText, StringComparison.Ordinal);
        Assert.Contains(log.Messages, m => m.Contains("user:***@127.0.0.1", StringComparison.Ordinal));
    }
}
