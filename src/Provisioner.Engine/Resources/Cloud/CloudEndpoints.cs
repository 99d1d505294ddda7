namespace Provisioner.Engine.Resources.Cloud;

/// <summary>
/// Where the clouds' metadata services and object stores are. The defaults are the real addresses and
/// nothing but tests changes them: <see cref="FromEnvironment"/> reads the <c>PROVISIONER_TEST_*</c>
/// variables, which exist only so an emulator on 127.0.0.1 can stand in for a cloud (they are not a
/// user-facing option; a real boot never sets them).
/// </summary>
public sealed record CloudEndpoints
{
    /// <summary>Test only: base URL of the AWS instance metadata service (real: http://169.254.169.254/).</summary>
    public const string AwsMetadataVariable = "PROVISIONER_TEST_AWS_METADATA_URL";

    /// <summary>Test only: base URL of Azure's instance metadata service (real: http://169.254.169.254/).</summary>
    public const string AzureMetadataVariable = "PROVISIONER_TEST_AZURE_METADATA_URL";

    /// <summary>Test only: base URL of the GCE metadata server (real: http://169.254.169.254/).</summary>
    public const string GceMetadataVariable = "PROVISIONER_TEST_GCE_METADATA_URL";

    /// <summary>Test only: an S3 endpoint addressed path-style (real: https://BUCKET.s3.dualstack.REGION.amazonaws.com/).</summary>
    public const string S3Variable = "PROVISIONER_TEST_S3_URL";

    /// <summary>Test only: base URL of Google Cloud Storage (real: https://storage.googleapis.com/).</summary>
    public const string GcsVariable = "PROVISIONER_TEST_GCS_URL";

    private static readonly Uri LinkLocal = new("http://169.254.169.254/");

    public static CloudEndpoints Real { get; } = new();

    public Uri AwsMetadata { get; init; } = LinkLocal;

    public Uri AzureMetadata { get; init; } = LinkLocal;

    public Uri GceMetadata { get; init; } = LinkLocal;

    /// <summary>Null: the real S3 of the bucket's region, virtual-hosted; else this endpoint, path-style.</summary>
    public Uri? S3 { get; init; }

    public Uri Gcs { get; init; } = new("https://storage.googleapis.com/");

    /// <summary>The real endpoints, but those a test variable names.</summary>
    public static CloudEndpoints FromEnvironment(Func<string, string?> environment)
    {
        static Uri? Read(Func<string, string?> environment, string name) =>
            environment(name) is { Length: > 0 } value && Uri.TryCreate(value, UriKind.Absolute, out var url) ? url : null;
        return new CloudEndpoints
        {
            AwsMetadata = Read(environment, AwsMetadataVariable) ?? LinkLocal,
            AzureMetadata = Read(environment, AzureMetadataVariable) ?? LinkLocal,
            GceMetadata = Read(environment, GceMetadataVariable) ?? LinkLocal,
            S3 = Read(environment, S3Variable),
            Gcs = Read(environment, GcsVariable) ?? Real.Gcs,
        };
    }
}
