namespace Provisioner.Engine.Stages.Files;

/// <summary>
/// Keeps a stage's garbage from piling up to the GC's own young-generation budget, which the GC sizes from
/// the CPU's cache (several MiB here) and grows when much survives, as a stage's plan does. After every
/// <see cref="Step"/> bytes allocated on this thread, one young-generation collection: the peak then follows
/// the stage's live data, not the budget. In the initramfs that memory is the machine's RAM; a young
/// collection with little to scan takes a fraction of a millisecond, about one per hundred files.
/// </summary>
internal sealed class GarbagePacer
{
    public const long Step = 1 << 20;

    private long _collectedAt = GC.GetAllocatedBytesForCurrentThread();

    public void Tick()
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        if (allocated - _collectedAt >= Step)
        {
            GC.Collect(0, GCCollectionMode.Forced, blocking: true);
            _collectedAt = allocated;
        }
    }
}
