namespace Provisioner.Config.Model;

/// <summary>A group to create, modify or delete.</summary>
public sealed class PasswdGroup
{
    public long? Gid { get; set; }

    public string Name { get; set; } = "";

    public string? PasswordHash { get; set; }

    public bool? ShouldExist { get; set; }

    public bool? System { get; set; }
}
