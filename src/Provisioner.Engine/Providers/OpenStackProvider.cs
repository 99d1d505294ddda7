using System.Net.NetworkInformation;
using System.Net.Sockets;
using Provisioner.Engine.Resources;
using Provisioner.Engine.Resources.Http;

namespace Provisioner.Engine.Providers;

/// <summary>
/// OpenStack (and Brightbox, which is OpenStack): three sources raced as Ignition does, the first answer
/// winning: a config drive labelled <c>config-2</c>, one labelled <c>CONFIG-2</c> (each waited for without
/// limit, then <c>openstack/latest/user_data</c> read, absent meaning no config), and the metadata service
/// <c>http://169.254.169.254/openstack/latest/user_data</c>, together with its IPv6 link-local twin
/// <c>fe80::a9fe:a9fe</c> on every interface that is up and has IPv6, whichever of those answers first
/// deciding, a 404 meaning no config. An empty metadata answer can thus beat a slower drive, as in Ignition.
/// The drive and the network cannot be split into offline and online parts, so offline it needs the network.
/// </summary>
public sealed class OpenStackProvider(string name = "openstack") : IPlatformProvider
{
    public const string DriveUserDataPath = "/openstack/latest/user_data";

    public static Uri UserDataUrl { get; } = new("http://169.254.169.254/openstack/latest/user_data");

    public string Name => name;

    /// <summary>Test only: where the drives' label links are.</summary>
    internal string LabelDirectory { get; init; } = ConfigDrive.LabelDirectory;

    /// <summary>Test only: the metadata service addresses, in place of the IPv4 one and the link-local ones.</summary>
    internal IReadOnlyList<Uri>? MetadataUrls { get; init; }

    public byte[] Fetch(ProviderContext context)
    {
        if (context.Fetcher.Offline)
        {
            throw new NeedNetworkException(UserDataUrl.OriginalString);
        }
        return new ConfigDrive(context).FirstOfConfigTwoAnd(LabelDirectory, DriveUserDataPath, cancel => FromMetadataService(context, cancel));
    }

    private byte[] FromMetadataService(ProviderContext context, CancellationToken cancel)
    {
        var urls = MetadataUrls ?? DefaultUrls(context);
        if (urls.Count == 1)
        {
            return Get(context, urls[0], cancel);
        }
        // Ignition fetches every address at once and takes the first to finish, success or failure.
        using var first = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var fetches = urls.Select(url => Task.Factory.StartNew(() => Get(context, url, first.Token),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        var done = Task.WhenAny(fetches).GetAwaiter().GetResult();
        first.Cancel();
        Task.WaitAny([Task.WhenAll(fetches)], TimeSpan.FromSeconds(10));
        return done.GetAwaiter().GetResult();
    }

    private static byte[] Get(ProviderContext context, Uri url, CancellationToken cancel) =>
        MetadataService.Read(context, new HttpFetchRequest(url) { Cancellation = cancel }, "the openstack user data", notFoundIsEmpty: true);

    private static List<Uri> DefaultUrls(ProviderContext context)
    {
        var urls = new List<Uri> { UserDataUrl };
        try
        {
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                if (nic.OperationalStatus == OperationalStatus.Up && nic.NetworkInterfaceType != NetworkInterfaceType.Loopback
                    && nic.GetIPProperties().UnicastAddresses.Any(a => a.Address.AddressFamily == AddressFamily.InterNetworkV6))
                {
                    urls.Add(new Uri($"http://[fe80::a9fe:a9fe%{nic.Name}]/openstack/latest/user_data"));
                }
            }
        }
        catch (NetworkInformationException e)
        {
            context.Log.Info($"cannot list the network interfaces ({e.Message}): asking the metadata service over IPv4 only");
        }
        return urls;
    }
}
