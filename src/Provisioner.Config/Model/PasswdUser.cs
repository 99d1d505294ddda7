namespace Provisioner.Config.Model;

/// <summary>A user to create, modify or delete.</summary>
public sealed class PasswdUser
{
    public string? Gecos { get; set; }

    public List<string> Groups { get; set; } = [];

    public string? HomeDir { get; set; }

    public string Name { get; set; } = "";

    public bool? NoCreateHome { get; set; }

    public bool? NoLogInit { get; set; }

    public bool? NoUserGroup { get; set; }

    public string? PasswordHash { get; set; }

    public string? PrimaryGroup { get; set; }

    public List<string> SshAuthorizedKeys { get; set; } = [];

    public string? Shell { get; set; }

    public bool? ShouldExist { get; set; }

    public bool? System { get; set; }

    public long? Uid { get; set; }
}
