using System.Text;
using Provisioner.Engine.Providers;
using Provisioner.Engine.Resources;
using Provisioner.Engine.Tests.Emulation;

namespace Provisioner.Engine.Tests.Providers;

/// <summary>
/// The platforms that read a config drive, with real labelled drives on loop devices (mounted by the real
/// <c>mount</c>; ext4, as this host kernel mounts neither iso9660 nor vfat), and those that race a drive with a metadata service, against a loopback emulator.
/// </summary>
public sealed class ConfigDriveProviderTests : IDisposable
{
    private const string Config = """{"ignition":{"version":"3.4.0"}}""";

    private readonly ProviderTestKit kit = new();
    private readonly LoopbackHttpServer server = new();
    private readonly List<LabelledDrive> drives = [];
    private readonly string labels;

    public ConfigDriveProviderTests() => labels = Path.Combine(kit.Directory(), "by-label");

    public void Dispose()
    {
        server.Dispose();
        foreach (var drive in drives)
        {
            drive.Dispose();
        }
        kit.Dispose();
        Assert.True(LabelledDrive.NoConfigDriveMounted(), "a config drive was left mounted");
    }

    [Theory]
    [InlineData("nutanix")]
    [InlineData("powervs")]
    public void TheConfigTwoDriveHoldsTheConfig(string platform)
    {
        Drive("config-2", ("/openstack/latest/user_data", Config), ("/openstack/latest/meta_data.json", "{}"));

        Assert.Equal(Config, Text(Provider(platform).Fetch(kit.Context)));
        Assert.Contains(kit.Log.Messages, m => m.Contains("\"-o\" \"ro\" \"-t\" \"auto\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("nutanix")]
    [InlineData("powervs")]
    public void AConfigTwoDriveWithoutUserDataIsNoConfig(string platform)
    {
        Drive("config-2", ("/openstack/latest/meta_data.json", "{}"));

        Assert.Empty(Provider(platform).Fetch(kit.Context));
    }

    [Fact]
    public void ADriveThatCannotBeMountedFailsNutanixClearly()
    {
        Directory.CreateDirectory(labels);
        File.WriteAllText(Path.Combine(labels, "config-2"), "not a filesystem");

        var e = Assert.Throws<StageFailedException>(() => Provider("nutanix").Fetch(kit.Context));
        Assert.Contains("cannot mount config drive", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IbmCloudReadsUserDataFromTheCidataDrive()
    {
        Drive("cidata", ("/user-data", Config), ("/meta-data", "instance-id: x\n"));

        Assert.Equal(Config, Text(new IbmCloudProvider { LabelDirectory = labels }.Fetch(kit.Context)));
    }

    [Theory]
    [InlineData("ibmcloud")]
    [InlineData("proxmoxve")]
    public void NoCidataDriveInTimeIsNoConfig(string platform)
    {
        IPlatformProvider provider = platform == "ibmcloud"
            ? new IbmCloudProvider { LabelDirectory = labels, Wait = TimeSpan.FromMilliseconds(300) }
            : new ProxmoxVeProvider { LabelDirectory = labels, Wait = TimeSpan.FromMilliseconds(300) };

        Assert.Empty(provider.Fetch(kit.Context));
        Assert.Contains(kit.Log.Messages, m => m.Contains("cidata drive was not available in time", StringComparison.Ordinal));
    }

    [Fact]
    public void ProxmoxSkipsItsOwnCloudConfigAndTakesTheVendorData()
    {
        Drive("cidata", ("/user-data", "#cloud-config\nhostname: x\n"), ("/vendor-data", Config));

        Assert.Equal(Config, Text(new ProxmoxVeProvider { LabelDirectory = labels }.Fetch(kit.Context)));
    }

    /// <summary>The reading rules alone, on a directory: what a vfat drive holds (this host kernel cannot mount vfat).</summary>
    [Fact]
    public void ProxmoxReadingRulesOnADirectory()
    {
        var root = kit.Directory();
        Assert.Null(ProxmoxVeProvider.ReadMounted(kit.Context, root));

        File.WriteAllText(Path.Combine(root, "user-data"), "");
        File.WriteAllText(Path.Combine(root, "vendor-data"), "#cloud-config\n");
        Assert.Null(ProxmoxVeProvider.ReadMounted(kit.Context, root));

        File.WriteAllText(Path.Combine(root, "user-data"), Config);
        Assert.Equal(Config, Text(ProxmoxVeProvider.ReadMounted(kit.Context, root)!));
    }

    [Fact]
    public void ADriveFileIsReadInsideTheDriveOnly()
    {
        var root = kit.Directory();
        File.WriteAllText(Path.Combine(root, "config.ign"), Config);

        Assert.Equal(Config, Text(ConfigDrive.ReadFile(root, "../../config.ign")!));
        Assert.Null(ConfigDrive.ReadFile(root, "/absent"));
    }

    [Fact]
    public void KubeVirtTakesWhicheverDriveItFinds()
    {
        Drive("cidata", ("/user-data", Config));

        Assert.Equal(Config, Text(new KubeVirtProvider { LabelDirectory = labels }.Fetch(kit.Context)));
    }

    [Fact]
    public void KubeVirtReadsTheOpenStackLayoutOnAConfigTwoDrive()
    {
        Drive("config-2", ("/openstack/latest/user_data", Config));

        Assert.Equal(Config, Text(new KubeVirtProvider { LabelDirectory = labels }.Fetch(kit.Context)));
    }

    [Fact]
    public void OpenStackTakesTheDriveWhenTheMetadataServiceIsSlow()
    {
        Drive("config-2", ("/openstack/latest/user_data", Config));
        server.Serve("/openstack/latest/user_data", Reply.Hang());

        Assert.Equal(Config, Text(OpenStack().Fetch(kit.Context)));
    }

    [Fact]
    public void OpenStackTakesTheUpperCaseLabelToo()
    {
        Drive("CONFIG-2", ("/openstack/latest/user_data", Config));
        server.Serve("/openstack/latest/user_data", Reply.Hang());

        Assert.Equal(Config, Text(OpenStack().Fetch(kit.Context)));
    }

    [Fact]
    public void OpenStackTakesTheMetadataServiceWhenNoDriveComes()
    {
        server.Serve("/openstack/latest/user_data", Reply.WithStatus(503), Reply.Ok(Config));

        Assert.Equal(Config, Text(OpenStack().Fetch(kit.Context)));
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public void AMetadataService404IsNoConfigAndWinsTheRace()
    {
        server.Serve("/openstack/latest/user_data", Reply.NotFound());

        Assert.Empty(OpenStack().Fetch(kit.Context));
    }

    [Fact]
    public void OfTheMetadataAddressesTheFirstToAnswerDecides()
    {
        server.Serve("/slow/openstack/latest/user_data", Reply.Hang());
        server.Serve("/fast/openstack/latest/user_data", Reply.Ok(Config));
        var provider = new OpenStackProvider
        {
            LabelDirectory = labels,
            MetadataUrls = [new(server.Url("/slow/openstack/latest/user_data")), new(server.Url("/fast/openstack/latest/user_data"))],
        };

        Assert.Equal(Config, Text(provider.Fetch(kit.Context)));
    }

    [Theory]
    [InlineData("openstack")]
    [InlineData("brightbox")]
    [InlineData("cloudstack")]
    public void TheDriveAndNetworkPlatformsNeedTheNetworkOffline(string platform)
    {
        using var offline = new ProviderTestKit(offline: true);

        Assert.Throws<NeedNetworkException>(() => PlatformRegistry.Get(platform).Fetch(offline.Context));
    }

    [Fact]
    public void CloudStackAsksTheDhcpServerOfItsLease()
    {
        server.Serve("/latest/user-data", Reply.WithStatus(500), Reply.Ok(Config));

        Assert.Equal(Config, Text(CloudStack().Fetch(kit.Context)));
        Assert.Equal(2, server.RequestsTo("/latest/user-data").Count);
    }

    [Fact]
    public void CloudStackMetadata404IsNoConfig()
    {
        server.Serve("/latest/user-data", Reply.NotFound());

        Assert.Empty(CloudStack().Fetch(kit.Context));
    }

    [Fact]
    public void CloudStackTakesItsDriveWhenTheMetadataServiceIsSlow()
    {
        Drive("CONFIG-2", ("/cloudstack/userdata/user_data.txt", Config));
        server.Serve("/latest/user-data", Reply.Hang());

        Assert.Equal(Config, Text(CloudStack().Fetch(kit.Context)));
    }

    private CloudStackProvider CloudStack()
    {
        var leases = kit.Directory();
        var loopback = File.ReadAllText("/sys/class/net/lo/ifindex").Trim();
        File.WriteAllText(Path.Combine(leases, loopback), "# This is private data. Do not parse.\nADDRESS=127.0.0.1\nSERVER_ADDRESS=127.0.0.1\n");
        return new CloudStackProvider { LabelDirectory = labels, Leases = leases, MetadataPort = server.Port };
    }

    private OpenStackProvider OpenStack() =>
        new() { LabelDirectory = labels, MetadataUrls = [new(server.Url("/openstack/latest/user_data"))] };

    private IPlatformProvider Provider(string platform) => platform switch
    {
        "nutanix" => new NutanixProvider { LabelDirectory = labels },
        "powervs" => new PowerVsProvider { LabelDirectory = labels },
        _ => throw new ArgumentException(platform),
    };

    private void Drive(string label, params (string Path, string Contents)[] files) =>
        drives.Add(new LabelledDrive(labels, label, files.ToDictionary(f => f.Path, f => f.Contents)));

    private static string Text(byte[] data) => Encoding.UTF8.GetString(data);
}
