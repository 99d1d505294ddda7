namespace Provisioner.Engine.Providers;

/// <summary>Alibaba Cloud's metadata service: GET http://100.100.100.200/latest/user-data, served as given; a 404 means no config.</summary>
public sealed class AliyunProvider : UserDataServiceProvider
{
    public override string Name => "aliyun";

    public override Uri UserDataUrl { get; } = new("http://100.100.100.200/latest/user-data");
}
