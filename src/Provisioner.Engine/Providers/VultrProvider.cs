namespace Provisioner.Engine.Providers;

/// <summary>Vultr's metadata service: GET http://169.254.169.254/user-data/user-data, served as given; a 404 means no config.</summary>
public sealed class VultrProvider : UserDataServiceProvider
{
    public override string Name => "vultr";

    public override Uri UserDataUrl { get; } = new("http://169.254.169.254/user-data/user-data");
}
