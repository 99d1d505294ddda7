using System.Text;
using Provisioner.Engine.Resources;

namespace Provisioner.Engine.Tests.Resources;

/// <summary>Data URL contents, checked against what Debian's Ignition 2.14 writes for the same URLs.</summary>
public sealed class DataUrlDecoderTests
{
    [Theory]
    [InlineData("data:,a+b%20c", "a+b c")]
    [InlineData("data:;base64,aGVsbG8=", "hello")]
    [InlineData("data:text/plain;charset=utf-8,x;y", "x;y")]
    [InlineData("data:,", "")]
    [InlineData("data:,caf%C3%A9%0A", "café\n")]
    [InlineData("data:text/plain;base64,", "")]
    public void DecodesAsIgnitionDoes(string url, string expected)
    {
        Assert.Equal(expected, Encoding.UTF8.GetString(DataUrlDecoder.Decode(url)));
    }

    [Theory]
    [InlineData("data:;base64,aGVs\nbG8=", "hello")]
    [InlineData("DATA:text/plain;BASE64,aGk=", "hi")]
    [InlineData("data:,caf\u00e9 \ud83d\ude00", "caf\u00e9 \ud83d\ude00")]
    [InlineData("data:,100%", "100%")]
    [InlineData("data:,%4", "%4")]
    public void DecodesLineBreaksCaseAndRawUnicode(string url, string expected)
    {
        Assert.Equal(expected, Encoding.UTF8.GetString(DataUrlDecoder.Decode(url)));
    }

    [Theory]
    [InlineData("data:;base64,aGVsbG8")]
    [InlineData("data:;base64,a===")]
    [InlineData("data:;base64,aG!s")]
    [InlineData("data:nocomma")]
    [InlineData("http://example.com/")]
    public void RefusesWhatIsNotADataUrlOrNotBase64(string url)
    {
        Assert.Throws<FormatException>(() => DataUrlDecoder.Decode(url));
    }

    [Fact]
    public void BinaryPercentEscapesAreBytes()
    {
        Assert.Equal(new byte[] { 0x00, 0xff, 0x41 }, DataUrlDecoder.Decode("data:,%00%FFA"));
    }
}
