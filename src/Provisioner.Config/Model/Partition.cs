namespace Provisioner.Config.Model;

/// <summary>A GPT partition; sizes and offsets in MiB.</summary>
public sealed class Partition
{
    public string? Guid { get; set; }

    public string? Label { get; set; }

    public long Number { get; set; } = 0;

    public bool? Resize { get; set; }

    public bool? ShouldExist { get; set; }

    public long? SizeMiB { get; set; }

    public long? StartMiB { get; set; }

    public string? TypeGuid { get; set; }

    public bool? WipePartitionEntry { get; set; }
}
