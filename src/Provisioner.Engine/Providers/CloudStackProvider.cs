using Provisioner.Engine.Resources;
using Provisioner.Engine.Resources.Http;

namespace Provisioner.Engine.Providers;

/// <summary>
/// Apache CloudStack: a config drive labelled <c>config-2</c> or <c>CONFIG-2</c>
/// (<c>cloudstack/userdata/user_data.txt</c>) raced with the metadata service, which is the DHCP server:
/// <c>http://SERVER/latest/user-data</c>, SERVER being <c>SERVER_ADDRESS</c> in systemd-networkd's lease
/// (<c>/run/systemd/netif/leases/IFINDEX</c>, polled every 500 ms until one exists). The first answer wins; a
/// 404 or a drive without the file means no config. Offline it needs the network, as in Ignition.
/// </summary>
public sealed class CloudStackProvider : IPlatformProvider
{
    public const string DriveUserDataPath = "/cloudstack/userdata/user_data.txt";

    public const string LeaseDirectory = "/run/systemd/netif/leases";

    private static readonly TimeSpan LeasePoll = TimeSpan.FromMilliseconds(500);

    public string Name => "cloudstack";

    /// <summary>Test only: where the drives' label links are.</summary>
    internal string LabelDirectory { get; init; } = ConfigDrive.LabelDirectory;

    /// <summary>Test only: where networkd's leases are.</summary>
    internal string Leases { get; init; } = LeaseDirectory;

    /// <summary>Test only: the port of the metadata service (the emulator's), 80 otherwise.</summary>
    internal int? MetadataPort { get; init; }

    public byte[] Fetch(ProviderContext context)
    {
        if (context.Fetcher.Offline)
        {
            throw new NeedNetworkException("http://<DHCP server>/latest/user-data");
        }
        return new ConfigDrive(context).FirstOfConfigTwoAnd(LabelDirectory, DriveUserDataPath, cancel => FromMetadataService(context, cancel));
    }

    private byte[] FromMetadataService(ProviderContext context, CancellationToken cancel)
    {
        var server = DhcpServer(context, cancel);
        var url = new UriBuilder("http", server, MetadataPort ?? 80, "/latest/user-data").Uri;
        return MetadataService.Read(context, new HttpFetchRequest(url) { Cancellation = cancel }, "the cloudstack user data", notFoundIsEmpty: true);
    }

    /// <summary>SERVER_ADDRESS of the first interface with a lease; waits for a lease as Ignition does.</summary>
    private string DhcpServer(ProviderContext context, CancellationToken cancel)
    {
        var indexes = InterfaceIndexes();
        var logged = false;
        while (true)
        {
            foreach (var index in indexes)
            {
                var lease = Path.Join(Leases, index);
                if (!File.Exists(lease))
                {
                    continue;
                }
                foreach (var line in File.ReadAllLines(lease))
                {
                    var parts = line.Split('=');
                    if (parts.Length == 2 && parts[0] == "SERVER_ADDRESS" && parts[1].Length > 0)
                    {
                        return parts[1];
                    }
                }
                throw new StageFailedException($"dhcp server address not found in lease {lease}");
            }
            if (!logged)
            {
                context.Log.Info($"no DHCP lease in {Leases} yet; waiting for one");
                logged = true;
            }
            if (cancel.WaitHandle.WaitOne(LeasePoll))
            {
                cancel.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>The kernel's index of every network interface, as networkd names its lease files.</summary>
    private static List<string> InterfaceIndexes()
    {
        var indexes = new List<string>();
        foreach (var nic in Directory.Exists("/sys/class/net") ? Directory.GetDirectories("/sys/class/net") : [])
        {
            try
            {
                indexes.Add(File.ReadAllText(Path.Join(nic, "ifindex")).Trim());
            }
            catch (IOException)
            {
                // An interface that went away while listing.
            }
        }
        return indexes;
    }
}
