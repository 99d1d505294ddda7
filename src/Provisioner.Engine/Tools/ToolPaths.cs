namespace Provisioner.Engine.Tools;

/// <summary>
/// The programs the stages run, as data: a bare name is looked up on PATH as Ignition does; a distribution
/// or a test swaps one by giving a path.
/// </summary>
public sealed record ToolPaths
{
    public string UserAdd { get; init; } = "useradd";
    public string UserMod { get; init; } = "usermod";
    public string UserDel { get; init; } = "userdel";
    public string GroupAdd { get; init; } = "groupadd";
    public string GroupMod { get; init; } = "groupmod";
    public string GroupDel { get; init; } = "groupdel";
    public string Systemctl { get; init; } = "systemctl";
    public string Setfiles { get; init; } = "setfiles";
    public string IsLiveImage { get; init; } = "is-live-image";
}
