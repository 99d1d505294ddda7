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
        "aws" => new AwsProvider(),
        "azure" => new AzureProvider(),
        "azurestack" => new AzureStackProvider(),
        "file" => new FileProvider(),
        "gcp" => new GcpProvider(),
        "metal" => new MetalProvider(),
        "qemu" => new QemuProvider(),
        _ when Known.Contains(platform) =>
            throw new StageFailedException($"platform \"{platform}\" is not built yet in this version of provisioner; built: aws, azure, azurestack, file, gcp, metal, qemu"),
        _ => throw new StageFailedException($"unknown platform \"{platform}\"; Ignition's platforms are: {string.Join(", ", Known)}"),
    };
}
