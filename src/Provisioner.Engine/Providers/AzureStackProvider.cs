namespace Provisioner.Engine.Providers;

/// <summary>
/// Azure Stack Hub, as Ignition: no metadata service, only the customData on the provisioning CD
/// (UDF or ISO 9660), waited for without limit. It reads no network, so it works in fetch-offline.
/// </summary>
public sealed class AzureStackProvider : IPlatformProvider
{
    /// <summary>Where the provisioning CD is looked for; tests replace it.</summary>
    internal OvfMedia Media { get; init; } = new(["udf", "iso9660"]);

    public string Name => "azurestack";

    public byte[] Fetch(ProviderContext context) => UserDataKind.ConfigOrNothing(Media.Read(context.Log), Name, context.Log);
}
