using System.Text;
using Provisioner.Engine.State;

namespace Provisioner.Engine.Tests.State;

/// <summary>The state file between stages: Ignition's layout, byte for byte what the serializer used to write.</summary>
public sealed class StateFileTests : IDisposable
{
    /// <summary>What the source-generated serializer wrote for <see cref="Full"/>: the layout stays byte for byte.</summary>
    private const string WrittenByTheSerializer = """
        {"fetchedConfigs":[{"kind":"base","source":"system","referenced":false},{"kind":"user","source":"https://example.com/a?b=1\u0026c=\u003Cd\u003E\u0027\u00E9\u0022\\","referenced":true}],"luksPersistKeyFiles":{"root":"data:;base64,ab\u002Bc/d==","var":"data:;base64,eA=="},"notatedDirectories":["var/home","srv/d\u00E9j\u00E0"],"providerOutputFiles":[{"path":"/x","n":1.50,"ok":true,"a":[null,"s\u003C"],"e":{}},"str",42],"luksPersistVolumeKeyFiles":{"vol":"data:;base64,dm9s"}}
        """;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "provisioner-state-" + Guid.NewGuid().ToString("N"));

    public StateFileTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string StatePath => Path.Combine(_dir, "run", "state");

    private static EngineState Full() => new()
    {
        FetchedConfigs =
        [
            new FetchedConfig(FetchedConfig.BaseKind, "system", Referenced: false),
            new FetchedConfig(FetchedConfig.UserKind, "https://example.com/a?b=1&c=<d>'\u00e9\"\\", Referenced: true),
        ],
        LuksPersistKeyFiles = new() { ["root"] = "data:;base64,ab+c/d==", ["var"] = "data:;base64,eA==" },
        NotatedDirectories = ["var/home", "srv/d\u00e9j\u00e0"],
        ProviderOutputFiles = ["""{"path":"/x","n":1.50,"ok":true,"a":[null,"s\u003C"],"e":{}}""", "\"str\"", "42"],
        LuksPersistVolumeKeyFiles = new() { ["vol"] = "data:;base64,dm9s" },
    };

    private EngineState Load(string json)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(StatePath)!);
        File.WriteAllText(StatePath, json);
        return StateFile.Load(StatePath);
    }

    private string Fails(string json)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(StatePath)!);
        File.WriteAllText(StatePath, json);
        var e = Assert.Throws<StageFailedException>(() => StateFile.Load(StatePath));
        Assert.Contains($"the state file {StatePath} ", e.Message, StringComparison.Ordinal);
        return e.Message;
    }

    private static void AssertSame(EngineState expected, EngineState actual)
    {
        Assert.Equal(expected.FetchedConfigs, actual.FetchedConfigs);
        Assert.Equal(expected.LuksPersistKeyFiles, actual.LuksPersistKeyFiles);
        Assert.Equal(expected.NotatedDirectories, actual.NotatedDirectories);
        Assert.Equal(expected.ProviderOutputFiles, actual.ProviderOutputFiles);
        Assert.Equal(expected.LuksPersistVolumeKeyFiles, actual.LuksPersistVolumeKeyFiles);
    }

    [Fact]
    public void AFullStateIsWrittenAsTheSerializerWroteIt()
    {
        StateFile.Save(StatePath, Full());

        Assert.Equal(Encoding.UTF8.GetBytes(WrittenByTheSerializer + "\n"), File.ReadAllBytes(StatePath));
    }

    [Fact]
    public void AFreshStateIsWrittenWithItsNulls()
    {
        StateFile.Save(StatePath, new EngineState());

        Assert.Equal("""{"fetchedConfigs":[],"luksPersistKeyFiles":null,"notatedDirectories":null,"providerOutputFiles":null,"luksPersistVolumeKeyFiles":null}""" + "\n",
            File.ReadAllText(StatePath));
    }

    [Fact]
    public void AFullStateRoundTrips()
    {
        StateFile.Save(StatePath, Full());

        var back = StateFile.Load(StatePath);

        AssertSame(Full(), back);
        Assert.True(back.UserConfigProvided);
        StateFile.Save(StatePath, back);
        Assert.Equal(WrittenByTheSerializer + "\n", File.ReadAllText(StatePath));
    }

    [Fact]
    public void AFileTheSerializerWroteIsRead()
    {
        AssertSame(Full(), Load(WrittenByTheSerializer + "\n"));
    }

    [Fact]
    public void AnAbsentFileOrDirectoryIsAFreshState()
    {
        var state = StateFile.Load(StatePath);

        Assert.Empty(state.FetchedConfigs);
        Assert.Null(state.LuksPersistKeyFiles);
        Assert.Null(state.NotatedDirectories);
        Assert.Null(state.ProviderOutputFiles);
        Assert.Null(state.LuksPersistVolumeKeyFiles);
        Assert.False(state.UserConfigProvided);
    }

    [Fact]
    public void UnknownPropertiesAreSkippedWhateverTheyHold()
    {
        var state = Load("""
            {
              "future": {"a": [1, {"fetchedConfigs": 3}], "b": null},
              "fetchedConfigs": [ {"kind": "user", "extra": [[], {}], "source": "file", "referenced": true, "more": "x"} ],
              "other": [ "notatedDirectories", 2.5e3, true ],
              "notatedDirectories": ["var"],
              "last": "luksPersistKeyFiles"
            }
            """);

        Assert.Equal([new FetchedConfig("user", "file", true)], state.FetchedConfigs);
        Assert.Equal(["var"], state.NotatedDirectories);
        Assert.Null(state.LuksPersistKeyFiles);
        Assert.Null(state.ProviderOutputFiles);
    }

    [Fact]
    public void PropertiesAreReadInAnyOrderAndEscapesAreDecoded()
    {
        var state = Load("""
            {"luksPersistVolumeKeyFiles": {"v\u00e9": "k\u002B"}, "notatedDirectories": ["a\/b"],
             "providerOutputFiles": [ { "x" : [ 1 , "\u00e9" ] } , null ], "fetchedConfigs": [], "luksPersistKeyFiles": {}}
            """);

        Assert.Equal(new Dictionary<string, string> { ["v\u00e9"] = "k+" }, state.LuksPersistVolumeKeyFiles);
        Assert.Equal(["a/b"], state.NotatedDirectories);
        Assert.Equal(["""{"x":[1,"\u00E9"]}""", "null"], state.ProviderOutputFiles);
        Assert.Empty(state.FetchedConfigs);
        Assert.Empty(state.LuksPersistKeyFiles!);
    }

    [Fact]
    public void NullsAndMissingPropertiesAreEmpty()
    {
        var state = Load("""
            {"fetchedConfigs": [{"kind": "base"}, {"kind": null, "source": null, "referenced": null}],
             "luksPersistKeyFiles": null, "notatedDirectories": null, "providerOutputFiles": null}
            """);

        Assert.Equal([new FetchedConfig("base", "", false), new FetchedConfig("", "", false)], state.FetchedConfigs);
        Assert.Null(state.LuksPersistKeyFiles);
        Assert.Null(state.NotatedDirectories);
        Assert.Null(state.ProviderOutputFiles);
        Assert.Null(state.LuksPersistVolumeKeyFiles);
        Assert.Empty(Load("{}").FetchedConfigs);
        Assert.Empty(Load("""{"fetchedConfigs": null}""").FetchedConfigs);
        Assert.Empty(Load("null").FetchedConfigs);
    }

    [Fact]
    public void ARepeatedKeyKeepsItsLastValue()
    {
        var state = Load("""{"luksPersistKeyFiles": {"root": "a", "root": "b"}, "notatedDirectories": ["x"], "notatedDirectories": ["y"]}""");

        Assert.Equal(new Dictionary<string, string> { ["root"] = "b" }, state.LuksPersistKeyFiles);
        Assert.Equal(["y"], state.NotatedDirectories);
    }

    [Theory]
    [InlineData("""{"fetchedConfigs": {}}""", "fetchedConfigs must be an array, not an object")]
    [InlineData("""{"fetchedConfigs": [1]}""", "an item of fetchedConfigs must be an object, not a number")]
    [InlineData("""{"fetchedConfigs": [null]}""", "an item of fetchedConfigs must be an object, not null")]
    [InlineData("""{"fetchedConfigs": [{"kind": 1}]}""", "fetchedConfigs' kind must be a string or null, not a number")]
    [InlineData("""{"fetchedConfigs": [{"referenced": "yes"}]}""", "fetchedConfigs' referenced must be true, false or null, not a string")]
    [InlineData("""{"luksPersistKeyFiles": ["k"]}""", "luksPersistKeyFiles must be an object, not an array")]
    [InlineData("""{"luksPersistKeyFiles": {"root": null}}""", "luksPersistKeyFiles' value must be a string, not null")]
    [InlineData("""{"luksPersistVolumeKeyFiles": "k"}""", "luksPersistVolumeKeyFiles must be an object, not a string")]
    [InlineData("""{"notatedDirectories": "var"}""", "notatedDirectories must be an array, not a string")]
    [InlineData("""{"notatedDirectories": [true]}""", "an item of notatedDirectories must be a string, not a boolean")]
    [InlineData("""{"providerOutputFiles": {}}""", "providerOutputFiles must be an array, not an object")]
    [InlineData("""[]""", "the state must be an object, not an array")]
    public void AWrongTypeIsRejected(string json, string why)
    {
        var message = Fails(json);

        Assert.StartsWith($"the state file {StatePath} is not a valid state: {why} (at byte ", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("""{"fetchedConfigs": [{"kind": "user", "sou""")]
    [InlineData("""{"fetchedConfigs": [""")]
    [InlineData("""{"providerOutputFiles": [{"a": [1, 2""")]
    [InlineData("""{"notatedDirectories": ["var"]""")]
    [InlineData("""{"future": {"a": [""")]
    [InlineData("""{} {}""")]
    [InlineData("""{},""")]
    [InlineData("""{"fetchedConfigs": [],}""")]
    [InlineData("""{"fetchedConfigs": [] /* comment */}""")]
    [InlineData("""{'fetchedConfigs': []}""")]
    public void MalformedJsonIsRejected(string json)
    {
        Assert.StartsWith($"the state file {StatePath} is not valid JSON: ", Fails(json), StringComparison.Ordinal);
    }

    [Fact]
    public void AStringThatIsNotUtf8IsRejected()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(StatePath)!);
        File.WriteAllBytes(StatePath, [.. "{\"notatedDirectories\": [\""u8, 0xff, 0xfe, .. "\"]}"u8]);

        var e = Assert.Throws<StageFailedException>(() => StateFile.Load(StatePath));

        Assert.StartsWith($"the state file {StatePath} is not valid JSON: ", e.Message, StringComparison.Ordinal);
    }
}
