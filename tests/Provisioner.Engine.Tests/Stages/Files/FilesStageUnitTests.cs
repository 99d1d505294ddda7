namespace Provisioner.Engine.Tests.Stages.Files;

/// <summary>systemd.units end to end: unit files and drop-ins, the preset file, masks (§5.10 of the reference).</summary>
public sealed class FilesStageUnitTests : IDisposable
{
    private const string Preset = "/etc/systemd/system-preset/20-ignition.preset";
    private const string Service = "[Service]\\nExecStart=/bin/true\\n[Install]\\nWantedBy=multi-user.target\\n";

    private readonly EngineRun _run = new();

    public void Dispose() => _run.Dispose();

    [Fact]
    public void UnitsAndDropinsAreWrittenUnderEtcSystemdSystem0644()
    {
        _run.Provision(Ign.Config($$"""
            "systemd": { "units": [
              { "name": "app.service", "contents": "{{Service}}",
                "dropins": [ { "name": "10-env.conf", "contents": "[Service]\nEnvironment=A=1\n" }, { "name": "20-empty.conf", "contents": "" } ] },
              { "name": "docker.service", "dropins": [ { "name": "no-contents.conf" } ] } ] }
            """));

        Assert.Equal(Service.Replace("\\n", "\n", StringComparison.Ordinal), _run.Read("/etc/systemd/system/app.service"));
        Assert.Equal("regular file|644|0|0", _run.Stat("/etc/systemd/system/app.service"));
        Assert.Equal("[Service]\nEnvironment=A=1\n", _run.Read("/etc/systemd/system/app.service.d/10-env.conf"));
        Assert.Equal("regular empty file|644|0|0", _run.Stat("/etc/systemd/system/app.service.d/20-empty.conf"));
        Assert.False(Directory.Exists(_run.InRoot("/etc/systemd/system/docker.service.d")));
        Assert.False(File.Exists(_run.InRoot(Preset)));
    }

    [Fact]
    public void EnabledUnitsBecomePresetLinesSortedWithTemplateInstancesOnOneLine()
    {
        _run.Provision(Ign.Config($$"""
            "systemd": { "units": [
              { "name": "zeta.service", "enabled": true },
              { "name": "getty@ttyS0.service", "enabled": true },
              { "name": "alpha.timer", "enabled": true },
              { "name": "getty@tty1.service", "enabled": true },
              { "name": "never-enabled.service", "enabled": false },
              { "name": "web.service", "enabled": true, "contents": "{{Service}}" } ] }
            """));

        Assert.Equal("enable alpha.timer\nenable getty@.service ttyS0 tty1\nenable web.service\nenable zeta.service\n", _run.Read(Preset));
        Assert.Equal("regular file|644|0|0", _run.Stat(Preset));
        Assert.Contains(_run.Log.Messages, m => m.EndsWith("never-enabled.service is not enabled: no preset line needed", StringComparison.Ordinal));
    }

    [Fact]
    public void DisablingAnEnabledUnitDisablesItNowAndAddsADisableLine()
    {
        _run.Write("/etc/systemd/system/old.service", Service.Replace("\\n", "\n", StringComparison.Ordinal));
        _run.Link("/etc/systemd/system/multi-user.target.wants/old.service", "/etc/systemd/system/old.service");

        _run.Provision(Ign.Config("""
            "systemd": { "units": [ { "name": "old.service", "enabled": false } ] }
            """));

        Assert.False(File.Exists(_run.InRoot("/etc/systemd/system/multi-user.target.wants/old.service")));
        Assert.Equal("disable old.service\n", _run.Read(Preset));
    }

    [Fact]
    public void MaskReplacesTheUnitWithALinkToDevNull()
    {
        _run.Write("/etc/systemd/system/bad.service", "[Service]\n");

        _run.Provision(Ign.Config("""
            "systemd": { "units": [ { "name": "bad.service", "mask": true }, { "name": "new.socket", "mask": true } ] }
            """));

        Assert.Equal("/dev/null", new FileInfo(_run.InRoot("/etc/systemd/system/bad.service")).LinkTarget);
        Assert.Equal("/dev/null", new FileInfo(_run.InRoot("/etc/systemd/system/new.socket")).LinkTarget);
    }

    [Fact]
    public void UnmaskRemovesOnlyALinkToDevNull()
    {
        _run.Link("/etc/systemd/system/masked.service", "/dev/null");
        _run.Link("/etc/systemd/system/aliased.service", "/usr/lib/systemd/system/real.service");
        _run.Write("/etc/systemd/system/plain.service", "[Service]\n");

        _run.Provision(Ign.Config("""
            "systemd": { "units": [
              { "name": "masked.service", "mask": false },
              { "name": "aliased.service", "mask": false },
              { "name": "plain.service", "mask": false },
              { "name": "absent.service", "mask": false } ] }
            """));

        Assert.False(Path.Exists(_run.InRoot("/etc/systemd/system/masked.service")));
        Assert.Equal("/usr/lib/systemd/system/real.service", new FileInfo(_run.InRoot("/etc/systemd/system/aliased.service")).LinkTarget);
        Assert.Equal("[Service]\n", _run.Read("/etc/systemd/system/plain.service"));
    }

    [Fact]
    public void AUnitFailureNamesTheUnitEntry()
    {
        // A directory where the unit file goes cannot be replaced by the atomic write.
        Directory.CreateDirectory(_run.InRoot("/etc/systemd/system/app.service"));

        var message = _run.ProvisionFails(Ign.Config("""
            "systemd": { "units": [ { "name": "ok.service", "contents": "[Unit]\n" }, { "name": "app.service", "contents": "[Unit]\n" } ] }
            """));

        Assert.Equal("$.systemd.units.1: write unit app.service at /etc/systemd/system/app.service: cannot write file /etc/systemd/system/app.service: a directory exists there", message);
    }
}
