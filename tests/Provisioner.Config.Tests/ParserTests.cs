using System.Text;
using Provisioner.Config.Reporting;
using Provisioner.Config.Versions;

namespace Provisioner.Config.Tests;

/// <summary>Reading bytes into a config: versions, bad input, and Go's decoding rules that Ignition inherits.</summary>
public sealed class ParserTests
{
    private static ParseResult Parse(string json) => ConfigParser.Parse(Encoding.UTF8.GetBytes(json));

    private static string Only(ParseResult result) => Assert.Single(result.Report.Entries).ToString();

    [Theory]
    [InlineData("3.0.0")]
    [InlineData("3.1.0")]
    [InlineData("3.2.0")]
    [InlineData("3.3.0")]
    [InlineData("3.4.0")]
    [InlineData("3.5.0")]
    [InlineData("3.6.0")]
    [InlineData("3.7.0-experimental")]
    public void EverySupportedVersionParsesAndIsTranslatedToTheNewest(string version)
    {
        var result = Parse("""{"ignition":{"version":"VERSION"}}""".Replace("VERSION", version, StringComparison.Ordinal));
        Assert.True(result.IsValid, result.Report.ToString());
        Assert.Equal(version, result.Version!.ToString());
        var expected = version.EndsWith("-experimental", StringComparison.Ordinal) ? "3.7.0-experimental" : "3.6.0";
        Assert.Equal(expected, result.Config!.Ignition.Version);
    }

    [Fact]
    public void EmptyInputIsNotAConfig()
    {
        Assert.Equal("error: not a config (empty)", Only(Parse("")));
        Assert.Equal("error: not a config (empty)", Only(Parse("  \n")));
    }

    [Fact]
    public void MalformedJsonIsReportedAtTheFault()
    {
        Assert.Equal("error at line 2 col 22: invalid character '}': a value or a closing bracket is missing, or there is a trailing comma",
            Only(Parse("{\"ignition\":\n  {\"version\":\"3.3.0\",}}")));
        Assert.StartsWith("error at line 1 col 2: unexpected end of JSON input", Only(Parse("{")));
        Assert.StartsWith("error at line 1 col 34: invalid character 'x'", Only(Parse("""{"ignition":{"version":"3.3.0"}} x""")));
    }

    [Fact]
    public void BinaryInputIsRefusedAtItsFirstByte()
    {
        Assert.Equal("error at line 1 col 1: invalid byte 0x00: a config is JSON text", Only(ConfigParser.Parse([0x00, 0x01, 0x02])));
    }

    [Fact]
    public void InvalidUtf8IsRefusedWithItsPosition()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"ignition\":{\"version\":\"3.3.0\"},\n\"x\":\"?\"}");
        bytes[Array.IndexOf(bytes, (byte)'?')] = 0xff;
        var entry = Assert.Single(ConfigParser.Parse(bytes).Report.Entries);
        Assert.Equal("error at line 2 col 6: invalid UTF-8 (byte 0xff): a config must be UTF-8 text", entry.ToString());
    }

    [Fact]
    public void AByteOrderMarkIsRefused()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("""{"ignition":{"version":"3.3.0"}}""")).ToArray();
        Assert.Contains("byte order mark", Assert.Single(ConfigParser.Parse(bytes).Report.Entries).Message);
    }

    [Theory]
    [InlineData("""{}""", "error at $.ignition.version, line 1 col 2: invalid config version (couldn't parse): the config has no ignition.version")]
    [InlineData("""{"ignition":{}}""", "error at $.ignition.version, line 1 col 14: invalid config version (couldn't parse): the config has no ignition.version")]
    [InlineData("""{"ignition":{"version":"3.3"}}""", "error at $.ignition.version, line 1 col 24: invalid config version (couldn't parse): \"3.3\" is not a MAJOR.MINOR.PATCH version such as \"3.6.0\"")]
    [InlineData("""{"ignition":{"version":3}}""", "error at $.ignition.version, line 1 col 24: expected a string, found a number")]
    [InlineData("""{"ignition":{"version":"3.9.0"}}""", "error at $.ignition.version, line 1 col 24: unsupported config version \"3.9.0\": this build accepts 3.0.0 to 3.6.0 and 3.7.0-experimental")]
    [InlineData("""{"ignition":{"version":"3.6.1"}}""", "error at $.ignition.version, line 1 col 24: unsupported config version \"3.6.1\": this build accepts 3.0.0 to 3.6.0 and 3.7.0-experimental")]
    [InlineData("""{"ignition":{"version":"3.3.0+build"}}""", "error at $.ignition.version, line 1 col 24: unsupported config version \"3.3.0+build\": this build accepts 3.0.0 to 3.6.0 and 3.7.0-experimental")]
    [InlineData("""{"ignition":{"version":"3.4.0-experimental"}}""", "error at $.ignition.version, line 1 col 24: unsupported config version \"3.4.0-experimental\": only the current experimental version is accepted: this build accepts 3.0.0 to 3.6.0 and 3.7.0-experimental")]
    [InlineData("""{"ignition":{"version":"2.3.0"}}""", "error at $.ignition.version, line 1 col 24: unsupported config version \"2.3.0\": spec 2.x configs are not accepted yet: this build accepts 3.0.0 to 3.6.0 and 3.7.0-experimental; translate the config to spec 3 first")]
    public void VersionProblemsSayWhatIsWrong(string json, string expected)
    {
        Assert.Equal(expected, Only(Parse(json)));
    }

    [Fact]
    public void LeadingZerosInTheVersionAreAcceptedAsGoSemverDoes()
    {
        Assert.Equal(SpecVersion.V3_3, Parse("""{"ignition":{"version":"03.3.0"}}""").Version);
    }

    [Theory]
    [InlineData("#cloud-config\nhostname: x\n", "a cloud-init cloud-config document (#cloud-config)")]
    [InlineData("#!/bin/bash\necho hi\n", "a script (#!)")]
    [InlineData("Content-Type: multipart/mixed; boundary=\"x\"\n", "a MIME multipart document")]
    [InlineData("variant: flatcar\nversion: 1.0.0\n", "YAML (a Butane config?)")]
    public void UserDataThatIsNotAConfigIsNamed(string text, string what)
    {
        var line = Only(Parse(text));
        Assert.StartsWith("error at line 1 col 1: this is " + what, line);
    }

    [Theory]
    [InlineData("[]", "a list")]
    [InlineData("\"x\"", "a string")]
    [InlineData("null", "null")]
    public void TheTopLevelMustBeAnObject(string json, string found)
    {
        Assert.Equal($"error at line 1 col 1: a config must be a JSON object, not {found}", Only(Parse(json)));
    }

    [Fact]
    public void DeepNestingIsRefusedAtGosLimitAndAcceptedBelowIt()
    {
        var tooDeep = new string('[', 10001) + new string(']', 10001);
        Assert.Contains("nested more than 10000 levels", Only(Parse(tooDeep)));

        var deepUnknown = """{"ignition":{"version":"3.3.0"},"x":""" + new string('[', 9990) + new string(']', 9990) + "}";
        Assert.Equal("warning at $.x, line 1 col 33: Unused key x", Only(Parse(deepUnknown)));
    }

    [Fact]
    public void AFiftyMegabyteConfigIsValidatedInOnePass()
    {
        var payload = new string('A', 50 * 1024 * 1024);
        var json = """{"ignition":{"version":"3.3.0"},"storage":{"files":[{"path":"/big","contents":{"source":"data:,PAYLOAD"}}]}}""".Replace("PAYLOAD", payload, StringComparison.Ordinal);
        var result = Parse(json);
        Assert.True(result.IsValid, result.Report.ToString());
        Assert.Equal(50 * 1024 * 1024 + "data:,".Length, result.Config!.Storage.Files[0].Contents.Source!.Length);
    }

    [Fact]
    public void KeysMatchIgnoringCaseButAreStillReportedAsUnused()
    {
        var result = Parse("""{"ignition":{"version":"3.3.0"},"storage":{"files":[{"Path":"/a"}]}}""");
        Assert.Equal("warning at $.storage.files.0.Path, line 1 col 54: Unused key Path", Only(result));
        Assert.Equal("/a", result.Config!.Storage.Files[0].Path);
    }

    [Fact]
    public void ARepeatedObjectKeyIsMergedAndARepeatedScalarKeyOverrides()
    {
        var result = Parse("""{"ignition":{"version":"3.3.0"},"ignition":{"timeouts":{"httpTotal":5}},"storage":{"files":[{"path":"/a","path":"/b"}]}}""");
        Assert.True(result.IsValid, result.Report.ToString());
        Assert.Equal(5, result.Config!.Ignition.Timeouts.HttpTotal);
        Assert.Equal("/b", result.Config.Storage.Files[0].Path);
    }

    [Fact]
    public void NullLeavesAFieldUnsetAndANullSectionIsWarnedAbout()
    {
        Assert.True(Parse("""{"ignition":{"version":"3.3.0"},"storage":{"files":null}}""").Report.IsEmpty);
        Assert.Equal(
            "warning at $.storage, line 1 col 43: context tree does not match content tree at $.storage. Line and column reporting may be inconsistent. Unused keys may not be reported.",
            Only(Parse("""{"ignition":{"version":"3.3.0"},"storage":null}""")));
    }

    [Theory]
    [InlineData("""{"ignition":{"version":"3.3.0"},"storage":{"files":[{"path":"/a","mode":"0644"}]}}""", "error at $.storage.files.0.mode, line 1 col 73: expected an integer (modes are decimal integers: 420 for 0644), found a string")]
    [InlineData("""{"ignition":{"version":"3.3.0"},"storage":{"files":[{"path":"/a","mode":420.0}]}}""", "error at $.storage.files.0.mode, line 1 col 73: expected an integer, found the number 420.0, which is not a 64-bit integer")]
    [InlineData("""{"ignition":{"version":"3.3.0"},"storage":{"files":{}}}""", "error at $.storage.files, line 1 col 52: expected a list, found an object")]
    [InlineData("""{"ignition":{"version":"3.3.0"},"systemd":{"units":[{"name":"a.service","enabled":"yes"}]}}""", "error at $.systemd.units.0.enabled, line 1 col 83: expected a boolean, found a string")]
    [InlineData("""{"ignition":{"version":"3.3.0"},"passwd":{"users":[{"name":"core","uid":99999999999999999999}]}}""", "error at $.passwd.users.0.uid, line 1 col 73: expected an integer, found the number 99999999999999999999, which is not a 64-bit integer")]
    public void AValueOfTheWrongTypeIsAnErrorAtThatValue(string json, string expected)
    {
        Assert.Equal(expected, Only(Parse(json)));
    }

    [Fact]
    public void AFieldTheDeclaredVersionDoesNotHaveIsReportedAtItsKey()
    {
        // luks arrived in 3.2.0, kernelArguments in 3.3.0.
        Assert.Equal("warning at $.storage.luks, line 1 col 44: Unused key luks",
            Only(Parse("""{"ignition":{"version":"3.1.0"},"storage":{"luks":[{"name":"x","device":"/dev/sda"}]}}""")));
        Assert.Equal("warning at $.kernelArguments, line 1 col 33: Unused key kernelArguments",
            Only(Parse("""{"ignition":{"version":"3.2.0"},"kernelArguments":{"shouldExist":["quiet"]}}""")));
        Assert.True(Parse("""{"ignition":{"version":"3.3.0"},"kernelArguments":{"shouldExist":["quiet"]}}""").Report.IsEmpty);
    }

    [Fact]
    public void WarningsDoNotMakeAConfigInvalid()
    {
        var result = Parse("""{"ignition":{"version":"3.3.0"},"foo":1}""");
        Assert.True(result.IsValid);
        Assert.Equal(Severity.Warning, Assert.Single(result.Report.Entries).Severity);
    }
}
