namespace Provisioner.Config.Model;

/// <summary>A filesystem to create or reuse, and where to mount it while provisioning.</summary>
public sealed class Filesystem
{
    public string Device { get; set; } = "";

    public string? Format { get; set; }

    public string? Label { get; set; }

    public List<string> MountOptions { get; set; } = [];

    public List<string> Options { get; set; } = [];

    public string? Path { get; set; }

    public string? Uuid { get; set; }

    public bool? WipeFilesystem { get; set; }
}
