namespace Provisioner.Config.Model;

/// <summary>The three lists of storage nodes, by the name of their list in a config.</summary>
public enum NodeKind
{
    File,
    Directory,
    Link,
}
