namespace Provisioner.Engine.Resources.Cloud;

/// <summary>An access key, its secret and (for an instance role) the session token. Never logged.</summary>
public sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken)
{
    public override string ToString() => $"AwsCredentials({AccessKeyId}, ***)";
}
