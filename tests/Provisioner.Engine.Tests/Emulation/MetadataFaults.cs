namespace Provisioner.Engine.Tests.Emulation;

/// <summary>
/// Faults an emulated metadata service serves before its real answers, per path: a test queues
/// "three 503s" or "a stall" and the protocol answers resume once they are used up.
/// </summary>
internal sealed class MetadataFaults
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Queue<Reply>> queued = new(StringComparer.Ordinal);

    public void Inject(string path, params Reply[] replies)
    {
        lock (gate)
        {
            if (!queued.TryGetValue(path, out var queue))
            {
                queued[path] = queue = new Queue<Reply>();
            }
            foreach (var reply in replies)
            {
                queue.Enqueue(reply);
            }
        }
    }

    /// <summary>The next fault queued for <paramref name="path"/> (without its query), or null.</summary>
    public Reply? Next(string path)
    {
        lock (gate)
        {
            return queued.TryGetValue(path.Split('?')[0], out var queue) && queue.Count > 0 ? queue.Dequeue() : null;
        }
    }
}
