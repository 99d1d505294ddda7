using Provisioner.Engine.Resources.Cloud;

namespace Provisioner.Engine.Tests.Providers;

/// <summary>SigV4 against AWS's published examples.</summary>
public sealed class SignatureV4Tests
{
    [Fact]
    public void TheGetVanillaCaseOfAwsSignatureTestSuite()
    {
        var time = new DateTime(2015, 8, 30, 12, 36, 0, DateTimeKind.Utc);
        var canonical = AwsSignatureV4.CanonicalRequest("GET", "/", "",
            [new("Host", "example.amazonaws.com"), new("X-Amz-Date", "20150830T123600Z")], AwsSignatureV4.EmptyPayloadHash, out var signed);

        Assert.Equal("GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" + AwsSignatureV4.EmptyPayloadHash, canonical);
        Assert.Equal("host;x-amz-date", signed);
        var scope = AwsSignatureV4.Scope(time, "us-east-1", "service");
        Assert.Equal("20150830/us-east-1/service/aws4_request", scope);
        var toSign = AwsSignatureV4.StringToSign(time, scope, canonical);
        Assert.Equal("AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63", toSign);
        Assert.Equal("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
            AwsSignatureV4.Signature(AwsSignatureV4.SigningKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", time, "us-east-1", "service"), toSign));
    }

    [Fact]
    public void TheGetObjectExampleOfS3Documentation()
    {
        var time = new DateTime(2013, 5, 24, 0, 0, 0, DateTimeKind.Utc);
        var canonical = AwsSignatureV4.CanonicalRequest("GET", "/test.txt", "",
        [
            new("Host", "examplebucket.s3.amazonaws.com"),
            new("Range", "bytes=0-9"),
            new("x-amz-content-sha256", AwsSignatureV4.EmptyPayloadHash),
            new("x-amz-date", "20130524T000000Z"),
        ], AwsSignatureV4.EmptyPayloadHash, out var signed);
        var scope = AwsSignatureV4.Scope(time, "us-east-1", "s3");
        var toSign = AwsSignatureV4.StringToSign(time, scope, canonical);

        Assert.Equal("host;range;x-amz-content-sha256;x-amz-date", signed);
        Assert.EndsWith("\n7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972", toSign, StringComparison.Ordinal);
        Assert.Equal("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
            AwsSignatureV4.Signature(AwsSignatureV4.SigningKey("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", time, "us-east-1", "s3"), toSign));
    }

    [Fact]
    public void QueryParametersAreSortedAndHeaderValuesTrimmed()
    {
        var canonical = AwsSignatureV4.CanonicalRequest("GET", "/", "Param2=value2&Param1=value1",
            [new("My-Header1", "  value1   with  spaces "), new("host", "h")], AwsSignatureV4.EmptyPayloadHash, out _);

        Assert.StartsWith("GET\n/\nParam1=value1&Param2=value2\nhost:h\nmy-header1:value1 with spaces\n", canonical, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dir/config.ign", "dir/config.ign")]
    [InlineData("a b+c=d", "a%20b%2Bc%3Dd")]
    [InlineData("é~_-.", "%C3%A9~_-.")]
    public void KeysAreUriEncodedOnceWithSlashesKept(string key, string encoded) =>
        Assert.Equal(encoded, AwsSignatureV4.EncodePath(key));
}
