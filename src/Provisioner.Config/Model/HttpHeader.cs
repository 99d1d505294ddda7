namespace Provisioner.Config.Model;

/// <summary>An HTTP header sent when fetching a resource; a null value in a child config removes the parent's header.</summary>
public sealed class HttpHeader
{
    public string Name { get; set; } = "";

    public string? Value { get; set; }
}
