namespace Provisioner.Config.Model;

/// <summary>Users and groups.</summary>
public sealed class Passwd
{
    public List<PasswdGroup> Groups { get; set; } = [];

    public List<PasswdUser> Users { get; set; } = [];
}
