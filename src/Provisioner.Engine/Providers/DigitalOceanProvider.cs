namespace Provisioner.Engine.Providers;

/// <summary>DigitalOcean's droplet metadata service: GET http://169.254.169.254/metadata/v1/user-data, served as given; a 404 fails the boot.</summary>
public sealed class DigitalOceanProvider : UserDataServiceProvider
{
    public override string Name => "digitalocean";

    public override Uri UserDataUrl { get; } = new("http://169.254.169.254/metadata/v1/user-data");

    /// <summary>Ignition takes a 404 here as a failure: the service answers 200 when no user data is set.</summary>
    protected override bool NotFoundIsEmpty => false;
}
