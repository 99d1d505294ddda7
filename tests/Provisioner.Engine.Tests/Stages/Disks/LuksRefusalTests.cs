using Provisioner.Config.Model;
using Provisioner.Engine.Logging;
using Provisioner.Engine.Resources;
using Provisioner.Engine.Stages;
using Provisioner.Engine.Stages.Disks;
using Provisioner.Engine.State;
using Provisioner.Engine.Tests.Logging;
using Provisioner.Engine.Tools;

namespace Provisioner.Engine.Tests.Stages.Disks;

/// <summary>
/// What the LUKS steps refuse before they look at a device: every tool here is a path that cannot exist,
/// so a test that got as far as running one would fail on that instead of on the refusal it checks.
/// </summary>
public sealed class LuksRefusalTests : IDisposable
{
    private readonly ListLogSink _log = new();
    private readonly ResourceFetcher _fetcher = new();
    private static readonly ToolPaths Missing = new()
    {
        Cryptsetup = "/nonexistent/cryptsetup",
        Clevis = "/nonexistent/clevis",
        Wipefs = "/nonexistent/wipefs",
        Blkid = "/nonexistent/blkid",
        Udevadm = "/nonexistent/udevadm",
    };

    public void Dispose() => _fetcher.Dispose();

    private string Fails(Luks luks)
    {
        var log = new Log(_log);
        var ctx = new DisksContext(new ToolRunner(log), Missing, log, _fetcher, new EngineState());
        return Assert.Throws<StageFailedException>(() => new DisksStage(ctx).Run(new Storage { Luks = [luks] })).Message;
    }

    [Fact]
    public void CexIsRefusedAsNeedingIbmZ()
    {
        var message = Fails(new Luks { Name = "z", Device = "/dev/nonexistent-device", Cex = new Cex { Enabled = true } });

        Assert.StartsWith("$.storage.luks.0: format /dev/nonexistent-device as LUKS2 volume z", message, StringComparison.Ordinal);
        Assert.Contains("needs IBM Z (s390x)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void AClevisBindingWithoutTheClevisToolIsRefusedNamingIt()
    {
        var message = Fails(new Luks { Name = "t", Device = "/dev/nonexistent-device", Clevis = new Clevis { Tpm2 = true } });

        Assert.Contains("the clevis tool \"/nonexistent/clevis\" is not installed", message, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", message, StringComparison.Ordinal);
    }
}
