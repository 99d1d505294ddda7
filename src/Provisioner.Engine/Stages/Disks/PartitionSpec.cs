using Provisioner.Config.Model;

namespace Provisioner.Engine.Stages.Disks;

/// <summary>
/// One configured partition on its way to a decision: the config entry (its index in the disk's list,
/// for error messages), its number (a number 0 replaced by the free number it gets), and its start and
/// size in logical sectors, filled in from the existing entry or from <c>sgdisk --pretend</c> where the
/// config leaves them to the default.
/// </summary>
public sealed class PartitionSpec(int index, Partition config)
{
    public int Index { get; } = index;
    public Partition Config { get; } = config;
    public int Number { get; set; } = (int)config.Number;
    public long? Start { get; set; }
    public long? Size { get; set; }
    public bool ShouldExist => Config.ShouldExist != false;
    public bool WipeEntry => Config.WipePartitionEntry == true;
}
