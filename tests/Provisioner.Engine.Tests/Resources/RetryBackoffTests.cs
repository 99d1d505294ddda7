using Provisioner.Config.Model;
using Provisioner.Engine.Resources.Http;

namespace Provisioner.Engine.Tests.Resources;

/// <summary>The real numbers of Ignition's HTTP client (internal/resource/http.go), which the other tests shorten.</summary>
public sealed class RetryBackoffTests
{
    [Fact]
    public void IgnitionsBackoffStartsAt200MsAndDoublesUpTo5Seconds()
    {
        var waits = Enumerable.Range(1, 8).Select(a => RetryBackoff.Ignition.After(a).TotalMilliseconds);

        Assert.Equal([200, 400, 800, 1600, 3200, 5000, 5000, 5000], waits);
    }

    [Fact]
    public void TheDefaultsAre10SecondsForHeadersAndNoTotalLimit()
    {
        var settings = new HttpSettings();

        Assert.Equal(TimeSpan.FromSeconds(10), settings.ResponseHeaderTimeout);
        Assert.Equal(TimeSpan.Zero, settings.TotalTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), HttpSettings.ConnectTimeout);
        Assert.Same(RetryBackoff.Ignition, settings.Backoff);
    }

    [Fact]
    public void AConfigsTimeoutsReplaceTheDefaultsAndAbsentOnesGoBackToThem()
    {
        var set = new HttpSettings().WithTimeouts(new Timeouts { HttpResponseHeaders = 3, HttpTotal = 60 });
        var reset = set.WithTimeouts(new Timeouts());

        Assert.Equal((TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(60)), (set.ResponseHeaderTimeout, set.TotalTimeout));
        Assert.Equal((TimeSpan.FromSeconds(10), TimeSpan.Zero), (reset.ResponseHeaderTimeout, reset.TotalTimeout));
    }

    [Fact]
    public void TheHeadersAreIgnitions()
    {
        Assert.Equal("application/vnd.coreos.ignition+json;version=3.6.0, */*;q=0.1", HttpResourceClient.Accept);
        Assert.StartsWith("Ignition/2.26.0 Provisioner/", HttpResourceClient.UserAgent, StringComparison.Ordinal);
    }
}
