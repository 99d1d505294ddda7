namespace Provisioner.Engine.Providers;

/// <summary>UpCloud's metadata service (off by default for custom images): GET http://169.254.169.254/metadata/v1/user_data, served as given; a 404 means no config.</summary>
public sealed class UpCloudProvider : UserDataServiceProvider
{
    public override string Name => "upcloud";

    public override Uri UserDataUrl { get; } = new("http://169.254.169.254/metadata/v1/user_data");
}
