using Provisioner.Engine.Logging;
using Provisioner.Engine.Providers;
using Provisioner.Engine.Resources;
using Provisioner.Engine.Tests.Logging;
using Provisioner.Engine.Tests.Machine;
using Provisioner.Engine.Tests.Resources;
using Provisioner.Engine.Tools;

namespace Provisioner.Engine.Tests.Providers;

/// <summary>A provider's context for a test: a fast-retrying fetcher, a log to read, no environment, and chosen tools.</summary>
internal sealed class ProviderTestKit : IDisposable
{
    private readonly List<string> directories = [];

    public ProviderTestKit(bool offline = false, long? httpTotalSeconds = null)
    {
        Fetcher = httpTotalSeconds is { } seconds ? Fast.Bounded(Log, seconds) : Fast.Fetcher(Log, offline);
    }

    public ListLogSink Log { get; } = new();

    public ResourceFetcher Fetcher { get; }

    public ToolPaths Tools { get; set; } = new();

    public ProviderContext Context => new(Fetcher, new Log(Log), _ => null) { Tools = Tools };

    /// <summary>A fresh temporary directory, removed on dispose.</summary>
    public string Directory()
    {
        var path = System.IO.Directory.CreateTempSubdirectory("provisioner-provider-test-").FullName;
        directories.Add(path);
        return path;
    }

    /// <summary>An executable shell script in a temporary directory; returns its path.</summary>
    public string Script(string name, string body)
    {
        var path = Path.Combine(Directory(), name);
        File.WriteAllText(path, "#!/bin/sh\n" + body);
        Sandbox.Run("chmod", "0755", path);
        return path;
    }

    public void Dispose()
    {
        Fetcher.Dispose();
        foreach (var directory in directories)
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }
}
