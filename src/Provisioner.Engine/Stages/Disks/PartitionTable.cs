namespace Provisioner.Engine.Stages.Disks;

/// <summary>A disk's GPT as read before partitioning: its logical sector size and its entries (none on a blank disk).</summary>
public sealed record PartitionTable(int SectorSize, IReadOnlyList<ExistingPartition> Partitions)
{
    public ExistingPartition? Find(int number) => Partitions.FirstOrDefault(p => p.Number == number);
}
