namespace Provisioner.Engine.Stages.Disks;

/// <summary>A GPT entry as it is on the disk; start and size in logical sectors, GUIDs upper-case as sgdisk prints them.</summary>
public sealed record ExistingPartition(int Number, long Start, long Size, string Label, string Guid, string TypeGuid);
