namespace Provisioner.Engine.Providers;

/// <summary>
/// Oracle Cloud Infrastructure: GET http://169.254.169.254/opc/v2/instance/metadata/user_data with
/// <c>Authorization: Bearer Oracle</c> (IMDSv2 refuses requests without it), retrying 429 as well as 5xx; the
/// body is always base64. A 404 is no config, and so is an empty body.
/// </summary>
public sealed class OracleCloudProvider : UserDataServiceProvider
{
    public override string Name => "oraclecloud";

    public override Uri UserDataUrl { get; } = new("http://169.254.169.254/opc/v2/instance/metadata/user_data");

    protected override IReadOnlyList<KeyValuePair<string, string>> Headers { get; } = [new("Authorization", "Bearer Oracle")];

    protected override IReadOnlyList<int> RetryCodes { get; } = [429];

    protected override byte[] Decode(byte[] body, ProviderContext context) => Base64.Decode(body, $"{What}: decoding userdata");
}
