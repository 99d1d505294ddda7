using Provisioner.Engine.Logging;

namespace Provisioner.Engine.Providers;

/// <summary>
/// Several places a platform may put the config, tried at once as Ignition does (a config drive that may
/// never appear, a metadata service): the first to answer wins and the others are cancelled; one that fails
/// is logged and the rest go on; when all fail there is no config. A source answers null or empty for
/// "reached, but no config here", which wins too.
/// </summary>
public static class SourceRace
{
    public sealed record Source(string Name, Func<CancellationToken, byte[]?> Fetch);

    /// <summary>How long losers get to stop (unmount, close) once the race is decided.</summary>
    private static readonly TimeSpan Cleanup = TimeSpan.FromSeconds(10);

    public static byte[] FirstOf(Log log, IReadOnlyList<Source> sources)
    {
        using var cancel = new CancellationTokenSource();
        var winner = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var remaining = sources.Count;
        var tasks = sources.Select(source => Task.Factory.StartNew(() =>
        {
            try
            {
                var data = source.Fetch(cancel.Token) ?? [];
                if (winner.TrySetResult(data))
                {
                    log.Info($"config source {source.Name} answered first");
                }
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                // Another source won.
            }
            catch (Exception e)
            {
                log.Error($"failed to fetch config from {source.Name}: {e.Message}");
                if (Interlocked.Decrement(ref remaining) == 0)
                {
                    log.Info("couldn't fetch config from any source");
                    winner.TrySetResult([]);
                }
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        var result = winner.Task.GetAwaiter().GetResult();
        cancel.Cancel();
        if (!Task.WaitAll(tasks, Cleanup))
        {
            log.Warning("a losing config source is still busy; going on without it");
        }
        return result;
    }
}
