using System.Buffers.Text;
using Provisioner.Engine.Resources;
using Provisioner.Engine.Resources.Http;

namespace Provisioner.Engine.Providers;

/// <summary>
/// Microsoft Azure, as Ignition: first the instance metadata service's <c>compute/userData</c> (base64, with
/// <c>Metadata: true</c>; 404, 410 and 429 mean "not ready yet" and are retried like 5xx); when it is empty,
/// the customData on the provisioning CD (<see cref="OvfMedia"/>, UDF). fetch-offline needs the network.
/// </summary>
public sealed class AzureProvider : IPlatformProvider
{
    public const string UserDataPath = "metadata/instance/compute/userData?api-version=2021-01-01&format=text";

    /// <summary>Statuses Azure's IMDS answers while it is updating or throttling (cloud-init's set, Ignition's too).</summary>
    public static readonly IReadOnlyList<int> RetryCodes = [404, 410, 429];

    /// <summary>Where the provisioning CD is looked for; tests replace it.</summary>
    internal OvfMedia Media { get; init; } = new(["udf"]);

    public string Name => "azure";

    public byte[] Fetch(ProviderContext context)
    {
        var url = new Uri(context.Fetcher.Endpoints.AzureMetadata, UserDataPath);
        if (context.Fetcher.Offline)
        {
            // Ignition cannot split IMDS from the CD into offline and online parts (its issue #1081).
            throw new NeedNetworkException(url.ToString());
        }
        var encoded = context.Fetcher.Http.Read(
            new HttpFetchRequest(url) { Headers = [new("Metadata", "true")], RetryCodes = RetryCodes, WaitingFor = "config from azure" },
            "the azure user data");
        if (encoded.Length == 0)
        {
            context.Log.Info("the instance metadata service has no userData: looking for customData on the provisioning CD");
            return UserDataKind.ConfigOrNothing(Media.Read(context.Log), Name, context.Log);
        }
        context.Log.Info("config has been read from IMDS userData");
        return UserDataKind.ConfigOrNothing(Decode(encoded), Name, context.Log);
    }

    private static byte[] Decode(byte[] encoded)
    {
        var decoded = new byte[System.Buffers.Text.Base64.GetMaxDecodedFromUtf8Length(encoded.Length)];
        if (System.Buffers.Text.Base64.DecodeFromUtf8(encoded, decoded, out _, out var written) != System.Buffers.OperationStatus.Done)
        {
            throw new StageFailedException("the azure user data: decoding userData: it is not valid base64");
        }
        return decoded[..written];
    }
}
