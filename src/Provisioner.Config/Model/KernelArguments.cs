namespace Provisioner.Config.Model;

/// <summary>Kernel arguments that must or must not be on the command line.</summary>
public sealed class KernelArguments
{
    public List<string> ShouldExist { get; set; } = [];

    public List<string> ShouldNotExist { get; set; } = [];
}
