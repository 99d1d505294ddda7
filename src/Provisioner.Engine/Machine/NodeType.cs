namespace Provisioner.Engine.Machine;

/// <summary>What kind of node a path names; the files stage only distinguishes these.</summary>
public enum NodeType
{
    File,
    Directory,
    Symlink,
    Other,
}
