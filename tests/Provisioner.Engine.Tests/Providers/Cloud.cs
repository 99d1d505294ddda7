using Provisioner.Engine.Logging;
using Provisioner.Engine.Providers;
using Provisioner.Engine.Resources;
using Provisioner.Engine.Resources.Cloud;
using Provisioner.Engine.Tests.Logging;
using Provisioner.Engine.Tests.Resources;

namespace Provisioner.Engine.Tests.Providers;

/// <summary>Fetchers pointed at emulated clouds, with short backoffs, and a provider's fetch through them.</summary>
internal static class Cloud
{
    public static ResourceFetcher Fetcher(ListLogSink log, CloudEndpoints endpoints, bool offline = false, string platform = "", long? headerSeconds = null, long? totalSeconds = null)
    {
        var fetcher = new ResourceFetcher { Log = new Log(log), Backoff = Fast.Backoff, Offline = offline, Endpoints = endpoints, Platform = platform };
        if (headerSeconds is not null || totalSeconds is not null)
        {
            fetcher.Configure(new Provisioner.Config.Model.IgnitionSection { Timeouts = { HttpResponseHeaders = headerSeconds, HttpTotal = totalSeconds } });
        }
        return fetcher;
    }

    public static byte[] Fetch(IPlatformProvider provider, ResourceFetcher fetcher, ListLogSink log) =>
        provider.Fetch(new ProviderContext(fetcher, new Log(log), _ => null));
}
