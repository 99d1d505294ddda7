namespace Provisioner.Engine.Providers;

/// <summary>Hetzner Cloud's metadata service: GET http://169.254.169.254/hetzner/v1/userdata, served as given; a 404 means no config.</summary>
public sealed class HetznerProvider : UserDataServiceProvider
{
    public override string Name => "hetzner";

    public override Uri UserDataUrl { get; } = new("http://169.254.169.254/hetzner/v1/userdata");
}
