using Provisioner.Engine.Resources;
using Provisioner.Engine.Resources.Cloud;

namespace Provisioner.Engine.Providers;

/// <summary>
/// Amazon EC2: the user data from the instance metadata service (IMDSv2 token, then
/// <c>GET /2019-10-01/user-data</c>, Ignition's path); 404 is no user data. Transport errors and 5xx are
/// retried without limit but the fetch timeout's, each attempt logged; fetch-offline needs the network.
/// </summary>
public sealed class AwsProvider : IPlatformProvider
{
    public const string UserDataPath = "2019-10-01/user-data";

    public string Name => "aws";

    public byte[] Fetch(ProviderContext context)
    {
        var metadata = new AwsMetadataClient(context.Fetcher, "config from aws");
        if (context.Fetcher.Offline)
        {
            throw new NeedNetworkException(metadata.Url(UserDataPath).ToString());
        }
        byte[] data;
        try
        {
            data = metadata.Get(UserDataPath, "the aws user data");
        }
        catch (ResourceNotFoundException)
        {
            context.Log.Info("the instance has no user data (404)");
            return [];
        }
        return UserDataKind.ConfigOrNothing(data, Name, context.Log);
    }
}
