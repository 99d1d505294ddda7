using System.Text;
using Provisioner.Engine.Providers;

namespace Provisioner.Engine.Tests.Providers;

/// <summary>Which user data is for cloud-init rather than for us.</summary>
public sealed class UserDataKindTests
{
    [Theory]
    [InlineData("#cloud-config\nhostname: a\n", "a cloud-config")]
    [InlineData("\uFEFF#cloud-config\n", "a cloud-config")]
    [InlineData("#cloud-config-archive\n- type: text/cloud-config\n", "a cloud-config archive")]
    [InlineData("#cloud-boothook\n#!/bin/sh\n", "a cloud-init boothook")]
    [InlineData("#include\nhttp://example.com/a\n", "a cloud-init include list")]
    [InlineData("#part-handler\n", "a cloud-init part handler")]
    [InlineData("#!/bin/bash\n", "a script")]
    [InlineData("Content-Type: multipart/mixed; boundary=\"==X==\"\r\nMIME-Version: 1.0\r\n\r\n--==X==\r\n", "a MIME multipart archive")]
    [InlineData("MIME-Version: 1.0\ncontent-type: Multipart/Mixed; boundary=b\n\n--b\n", "a MIME multipart archive")]
    public void CloudInitUserDataIsNamed(string data, string phrase) =>
        Assert.Equal(phrase, UserDataKind.Describe(Encoding.UTF8.GetBytes(data)));

    [Theory]
    [InlineData("")]
    [InlineData("{\"ignition\":{\"version\":\"3.4.0\"}}")]
    [InlineData("{\n  \"ignition\": { \"version\": \"3.4.0\" }\n}")]
    [InlineData("  {}")]
    [InlineData("Content-Type: text/plain\n\nhello")]
    [InlineData("ignition: {}\n")]
    [InlineData("\u001f\u008b")]
    public void AnythingElseIsLeftToTheConfigParser(string data) =>
        Assert.Null(UserDataKind.Describe(Encoding.Latin1.GetBytes(data)));
}
