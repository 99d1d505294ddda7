namespace Provisioner.Engine.Providers;

/// <summary>
/// Every platform id Ignition knows and its provider: one explicit switch, no reflection. An unknown id
/// fails clearly, listing the known ones.
/// </summary>
public static class PlatformRegistry
{
    /// <summary>Ignition's platform ids (internal/platform); a dracut module may pass any of them.</summary>
    public static readonly IReadOnlyList<string> Known =
    [
        "akamai", "aliyun", "applehv", "aws", "azure", "azurestack", "brightbox", "cloudstack", "digitalocean",
        "exoscale", "file", "gcp", "hetzner", "hyperv", "ibmcloud", "kubevirt", "metal", "nutanix",
        "nvidiabluefield", "openstack", "oraclecloud", "packet", "powervs", "proxmoxve", "qemu", "scaleway",
        "upcloud", "virtualbox", "vmware", "vultr", "zvm",
    ];

    public static IPlatformProvider Get(string platform) => platform switch
    {
        "aws" => new AwsProvider(),
        "azure" => new AzureProvider(),
        "azurestack" => new AzureStackProvider(),
        "file" => new FileProvider(),
        "gcp" => new GcpProvider(),
        "metal" => new MetalProvider(),
        "qemu" => new QemuProvider(),
        "akamai" => new AkamaiProvider(),
        "aliyun" => new AliyunProvider(),
        "applehv" => new AppleHvProvider(),
        "brightbox" => new OpenStackProvider("brightbox"),
        "cloudstack" => new CloudStackProvider(),
        "digitalocean" => new DigitalOceanProvider(),
        "exoscale" => new ExoscaleProvider(),
        "hetzner" => new HetznerProvider(),
        "hyperv" => new HypervProvider(),
        "ibmcloud" => new IbmCloudProvider(),
        "kubevirt" => new KubeVirtProvider(),
        "nutanix" => new NutanixProvider(),
        "nvidiabluefield" => new NvidiaBlueFieldProvider(),
        "openstack" => new OpenStackProvider(),
        "oraclecloud" => new OracleCloudProvider(),
        "packet" => new PacketProvider(),
        "powervs" => new PowerVsProvider(),
        "proxmoxve" => new ProxmoxVeProvider(),
        "scaleway" => new ScalewayProvider(),
        "upcloud" => new UpCloudProvider(),
        "virtualbox" => new VirtualBoxProvider(),
        "vmware" => new VmwareProvider(),
        "vultr" => new VultrProvider(),
        "zvm" => new ZvmProvider(),
        _ => throw new StageFailedException($"unknown platform \"{platform}\"; Ignition's platforms are: {string.Join(", ", Known)}"),
    };
}
