using Provisioner.Config.Model;
using Provisioner.Engine.Stages;
using Provisioner.Engine.Stages.Disks;

namespace Provisioner.Engine.Tests.Stages.Disks;

/// <summary>The clevis pin and config JSON, byte for byte what Ignition's Go structs marshal to.</summary>
public sealed class ClevisPinTests
{
    [Fact]
    public void TangServersBecomeAnSssConfigWithThresholdOne()
    {
        var clevis = new Clevis { Tang = [new Tang { Url = "http://tang.example:7500", Thumbprint = "abc" }, new Tang { Url = "http://t2" }] };

        Assert.Equal(("sss", """{"pins":{"tang":[{"url":"http://tang.example:7500","thp":"abc"},{"url":"http://t2"}]},"t":1}"""), ClevisPin.Build(clevis));
    }

    [Fact]
    public void TheAdvertisementIsEmbeddedAsJsonNotAsAString()
    {
        var clevis = new Clevis { Tang = [new Tang { Url = "http://t", Thumbprint = "x", Advertisement = """{"payload": "eyJ", "signatures": [1]}""" }] };

        Assert.Equal("""{"pins":{"tang":[{"url":"http://t","thp":"x","adv":{"payload":"eyJ","signatures":[1]}}]},"t":1}""", ClevisPin.Build(clevis).Config);
    }

    [Fact]
    public void Tpm2AloneHasNoTangKey() =>
        Assert.Equal("""{"pins":{"tpm2":{}},"t":1}""", ClevisPin.Build(new Clevis { Tpm2 = true }).Config);

    [Fact]
    public void Tpm2WithTangAndAThreshold() =>
        Assert.Equal("""{"pins":{"tang":[{"url":"http://t","thp":"x"}],"tpm2":{}},"t":2}""",
            ClevisPin.Build(new Clevis { Tpm2 = true, Threshold = 2, Tang = [new Tang { Url = "http://t", Thumbprint = "x" }] }).Config);

    [Fact]
    public void WithoutTpm2AndWithoutServersTangIsNull() =>
        Assert.Equal("""{"pins":{"tang":null},"t":3}""", ClevisPin.Build(new Clevis { Threshold = 3 }).Config);

    [Fact]
    public void ACustomPinIsPassedVerbatim() =>
        Assert.Equal(("tpm2", """{"pcr_ids":"7"}"""), ClevisPin.Build(new Clevis { Custom = new ClevisCustom { Pin = "tpm2", Config = """{"pcr_ids":"7"}""" } }));

    [Fact]
    public void AnAdvertisementThatIsNotJsonIsAnError() =>
        Assert.Contains("not JSON", Assert.Throws<StageFailedException>(() => ClevisPin.Build(new Clevis { Tang = [new Tang { Url = "http://t", Advertisement = "{" }] })).Message);

    [Fact]
    public void PresenceAndNetworkFollowIgnition()
    {
        Assert.False(ClevisPin.IsPresent(new Clevis()));
        Assert.False(ClevisPin.IsPresent(new Clevis { Tpm2 = false, Threshold = 0 }));
        Assert.True(ClevisPin.IsPresent(new Clevis { Threshold = 1 }));
        Assert.True(ClevisPin.IsPresent(new Clevis { Tpm2 = true }));
        Assert.True(ClevisPin.NeedsNetwork(new Clevis { Tang = [new Tang { Url = "http://t" }] }));
        Assert.False(ClevisPin.NeedsNetwork(new Clevis { Tpm2 = true }));
        Assert.False(ClevisPin.NeedsNetwork(new Clevis { Custom = new ClevisCustom { Pin = "tang", Config = "{}" } }));
        Assert.True(ClevisPin.NeedsNetwork(new Clevis { Custom = new ClevisCustom { Pin = "tang", Config = "{}", NeedsNetwork = true } }));
    }
}
