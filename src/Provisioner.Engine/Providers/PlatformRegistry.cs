namespace Provisioner.Engine.Providers;

/// <summary>
/// Every platform id Ignition knows, and the provider for each one built so far: one explicit switch,
/// no reflection. An id Ignition knows but we have not built yet fails clearly rather than booting unprovisioned.
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
        "file" => new FileProvider(),
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
        _ when Known.Contains(platform) =>
            throw new StageFailedException($"platform \"{platform}\" is not built yet in this version of provisioner; built: file, metal, qemu"),
        _ => throw new StageFailedException($"unknown platform \"{platform}\"; Ignition's platforms are: {string.Join(", ", Known)}"),
    };
}
