using System.Text.Json.Nodes;
using ClevisCustom = Provisioner.Config.Model.ClevisCustom;
using Luks = Provisioner.Config.Model.Luks;
using Provisioner.Engine.Stages.Disks;
using Provisioner.Engine.Stages.Files;

namespace Provisioner.Engine.Tests.Stages.Files;

/// <summary>/etc/crypttab and /etc/luks key files, from the keys the disks stage left in the state (§5.11 of the reference).</summary>
public sealed class FilesStageCrypttabTests : IDisposable
{
    private const string Uuid = "6e3a0a3c-6a3b-4c1e-9d3c-2f1e5b6a7c8d";
    private readonly EngineRun _run = new();

    public FilesStageCrypttabTests()
    {
        // luksUUID of any device: the fake prints one UUID and records what it was asked.
        var cryptsetup = _run.Script("cryptsetup", $"echo \"$@\" >>\"$0.calls\"\necho {Uuid}\n");
        _run.Tools = _run.Tools with { Cryptsetup = cryptsetup };
    }

    public void Dispose() => _run.Dispose();

    private void ProvisionWithKeys(string config, params (string Name, string Key)[] keys)
    {
        _run.Config(config);
        _run.Run(Stage.FetchOffline);
        var state = _run.State();
        var persisted = new JsonObject();
        foreach (var (name, key) in keys)
        {
            persisted[name] = LuksSteps.KeyDataUrl(System.Text.Encoding.UTF8.GetBytes(key));
        }
        state["luksPersistKeyFiles"] = persisted;
        File.WriteAllText(_run.StatePath, state.ToJsonString());
        _run.Run(Stage.Files);
    }

    [Fact]
    public void KeyFilesGoToEtcLuksAndEachVolumeGetsACrypttabLine()
    {
        ProvisionWithKeys(Ign.Config("""
            "storage": { "luks": [
              { "name": "data", "device": "/dev/vdb1", "keyFile": { "source": "data:,k1" } },
              { "name": "bound", "device": "/dev/vdc1", "clevis": { "tang": [ { "url": "http://tang", "thumbprint": "x", "advertisement": "{}" } ] } },
              { "name": "local", "device": "/dev/vdd1", "clevis": { "tpm2": true } } ] }
            """), ("data", "key one"));

        Assert.Equal(
            $"data UUID={Uuid} /etc/luks/data luks,x-initrd.attach\n" +
            $"bound UUID={Uuid} none luks,_netdev,x-initrd.attach\n" +
            $"local UUID={Uuid} none luks,x-initrd.attach\n",
            _run.Read("/etc/crypttab"));
        Assert.Equal("regular file|600|0|0", _run.Stat("/etc/crypttab"));
        Assert.Equal("directory|700|0|0", _run.Stat("/etc/luks"));
        Assert.Equal("key one", _run.Read("/etc/luks/data"));
        Assert.Equal("regular file|600|0|0", _run.Stat("/etc/luks/data"));
        Assert.False(File.Exists(_run.InRoot("/etc/luks/bound")));
        Assert.Null(_run.State()["luksPersistKeyFiles"]);
        Assert.Equal("luksUUID /dev/vdb1\nluksUUID /dev/vdc1\nluksUUID /dev/vdd1\n", File.ReadAllText(_run.Tools.Cryptsetup + ".calls"));
        Assert.DoesNotContain(_run.Log.Messages, m => m.Contains("key one", StringComparison.Ordinal));
    }

    [Fact]
    public void AnExistingCrypttabIsAppendedToAndAnExistingEtcLuksKeepsItsMode()
    {
        _run.Write("/etc/crypttab", "# mine\n");
        Directory.CreateDirectory(_run.InRoot("/etc/luks"));

        ProvisionWithKeys(Ign.Config("""
            "storage": { "luks": [ { "name": "data", "device": "/dev/vdb1", "keyFile": { "source": "data:,k" } } ] }
            """), ("data", "k"));

        Assert.Equal($"# mine\ndata UUID={Uuid} /etc/luks/data luks,x-initrd.attach\n", _run.Read("/etc/crypttab"));
        Assert.Equal("regular file|600|0|0", _run.Stat("/etc/crypttab"));
        Assert.Equal("directory|755|0|0", _run.Stat("/etc/luks"));
    }

    [Fact]
    public void AVolumeWithoutAKeyInTheStateFailsTheStage()
    {
        _run.Config(Ign.Config("""
            "storage": { "luks": [ { "name": "data", "device": "/dev/vdb1", "keyFile": { "source": "data:,k" } } ] }
            """));
        _run.Run(Stage.FetchOffline);

        var message = _run.Fails(Stage.Files).Message;

        Assert.Contains("$.storage.luks.0", message, StringComparison.Ordinal);
        Assert.Contains("no key for LUKS volume data", message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoLuksVolumesMeansNoCrypttab()
    {
        _run.Provision(Ign.Config("""
            "storage": { "files": [ { "path": "/etc/motd", "contents": { "source": "data:,hi" } } ] }
            """));

        Assert.False(File.Exists(_run.InRoot("/etc/crypttab")));
    }

    [Theory]
    [InlineData(false, null, "s UUID=u /etc/luks/s luks,x-initrd.attach\n")]
    [InlineData(true, null, "s UUID=u none luks,x-initrd.attach\n")]
    [InlineData(true, true, "s UUID=u none luks,_netdev,x-initrd.attach\n")]
    [InlineData(true, false, "s UUID=u none luks,x-initrd.attach\n")]
    public void TheLineNamesTheKeyFileOrNoneAndNetdevForNetworkPins(bool custom, bool? needsNetwork, string expected)
    {
        var luks = new Luks { Name = "s" };
        if (custom)
        {
            luks.Clevis.Custom = new ClevisCustom { Pin = "tang", Config = "{}", NeedsNetwork = needsNetwork };
        }
        Assert.Equal(expected, CrypttabSteps.Line(luks, "u"));
    }
}
