namespace Provisioner.Engine.Machine;

/// <summary>
/// What lstat says about a node under the root. <see cref="Mode"/> holds the permission and special bits
/// (07777); <see cref="LinkTarget"/> is the verbatim target of a symlink and null for anything else.
/// <see cref="Device"/> and <see cref="Inode"/> together identify the node, for hard-link checks.
/// </summary>
public sealed record NodeInfo(
    NodeType Type,
    int Mode,
    int Uid,
    int Gid,
    long Size,
    string? LinkTarget,
    ulong Device,
    ulong Inode,
    long LinkCount)
{
    /// <summary>True when both describe the same node (same file system and inode).</summary>
    public bool IsSameNode(NodeInfo other) => Device == other.Device && Inode == other.Inode;
}
