namespace Provisioner.Engine.Stages.Disks;

/// <summary>What happens to one configured partition (the rows of Ignition's partition reuse matrix).</summary>
public enum PartitionAction
{
    /// <summary>Neither there nor wanted.</summary>
    Absent,
    Keep,
    Create,
    Delete,
    /// <summary>Deleted and made again with the same number, start, GUIDs and label and the new size; the data stays.</summary>
    Resize,
    /// <summary>Did not match and wipePartitionEntry allows it: deleted and made anew as configured.</summary>
    Recreate,
}
