namespace Provisioner.Engine.Providers;

/// <summary>Exoscale's metadata service: GET http://169.254.169.254/1.0/user-data, served as given; a 404 means no config.</summary>
public sealed class ExoscaleProvider : UserDataServiceProvider
{
    public override string Name => "exoscale";

    public override Uri UserDataUrl { get; } = new("http://169.254.169.254/1.0/user-data");
}
