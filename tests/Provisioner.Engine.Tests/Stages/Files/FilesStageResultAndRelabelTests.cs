using System.Text;

namespace Provisioner.Engine.Tests.Stages.Files;

/// <summary>The files stage's own outputs: /etc/.ignition-result.json and the SELinux relabel (§5.11 of the reference).</summary>
public sealed class FilesStageResultAndRelabelTests : IDisposable
{
    private const string ResultPath = "/etc/.ignition-result.json";

    private readonly EngineRun _run = new();

    public void Dispose() => _run.Dispose();

    [Fact]
    public void TheResultFileIsPrivateAndSaysAUserConfigWasProvided()
    {
        _run.Provision(Ign.Config());

        Assert.Equal("regular file|600|0|0", _run.Stat(ResultPath));
        var result = _run.Result();
        Assert.Equal(["provisioningBootID", "provisioningDate", "userConfigProvided"], result.Select(p => p.Key));
        Assert.Equal(File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim(), (string?)result["provisioningBootID"]);
        Assert.True(DateTimeOffset.TryParse((string?)result["provisioningDate"], System.Globalization.CultureInfo.InvariantCulture, out var date));
        Assert.InRange(DateTimeOffset.Now - date, TimeSpan.FromSeconds(-2), TimeSpan.FromMinutes(5));
        Assert.True((bool?)result["userConfigProvided"]);
        Assert.EndsWith("}\n", _run.Read(ResultPath), StringComparison.Ordinal);
    }

    [Fact]
    public void ASecondRunKeepsTheFirstResultAsPreviousReportAndWarns()
    {
        _run.Provision(Ign.Config());
        var first = _run.Result();

        _run.Provision(Ign.Config());

        var second = _run.Result();
        Assert.Equal(first.ToJsonString(), second["previousReport"]!.ToJsonString());
        Assert.Equal("regular file|600|0|0", _run.Stat(ResultPath));
        Assert.Contains(_run.Log.Entries, e => e.Level == Engine.Logging.LogLevel.Warning
            && e.Message.EndsWith("Ignition has already run on this system. Unexpected behavior may occur. Ignition is not designed to run more than once per system.", StringComparison.Ordinal));
    }

    [Fact]
    public void ALiveImageDropsThePreviousReport()
    {
        _run.Provision(Ign.Config());
        _run.Tools = _run.Tools with { IsLiveImage = "/bin/true" };

        _run.Provision(Ign.Config());

        Assert.Null(_run.Result()["previousReport"]);
    }

    [Fact]
    public void WithoutSelinuxConfigNothingIsRelabelled()
    {
        var setfiles = FakeSetfiles();

        _run.Provision(Ign.Config("""
            "storage": { "files": [ { "path": "/etc/hostname", "contents": { "source": "data:,h" } } ] }
            """));

        Assert.False(File.Exists(setfiles.Args));
        Assert.DoesNotContain(_run.Log.Messages, m => m.Contains("setfiles", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("SELINUX=disabled\nSELINUXTYPE=targeted\n")]
    [InlineData("SELINUX=enforcing\n")]
    public void DisabledOrTypelessSelinuxMeansNoRelabel(string config)
    {
        _run.Write("/etc/selinux/config", config);
        var setfiles = FakeSetfiles();

        _run.Provision(Ign.Config("""
            "storage": { "files": [ { "path": "/etc/hostname", "contents": { "source": "data:,h" } } ] }
            """));

        Assert.False(File.Exists(setfiles.Args));
    }

    [Fact]
    public void EnforcingSelinuxRelabelsWhatTheStageCreated()
    {
        _run.Write("/etc/selinux/config", "# comment\nSELINUX=enforcing\nSELINUXTYPE=\"targeted\"\n");
        _run.Write("/etc/existing", "x");
        var setfiles = FakeSetfiles();

        _run.Provision(Ign.Config("""
            "storage": {
              "files": [ { "path": "/etc/hostname", "contents": { "source": "data:,h" } }, { "path": "/etc/existing", "mode": 384 } ],
              "directories": [ { "path": "/opt/app/bin" } ] },
            "systemd": { "units": [ { "name": "app.service", "contents": "[Unit]\n", "enabled": true } ] }
            """));

        var root = _run.Root;
        Assert.Equal(["-vF0", "-r", root, root + "/etc/selinux/targeted/contexts/files/file_contexts", "-f", "-"],
            File.ReadAllText(setfiles.Args).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        string[] relabelled = ["/etc/.ignition-result.json", "/etc/existing", "/etc/hostname", "/etc/systemd/system-preset", "/etc/systemd/system/app.service", "/opt"];
        Assert.Equal(string.Concat(relabelled.Select(p => root + p + "\0")), File.ReadAllText(setfiles.Stdin, Encoding.UTF8));
    }

    [Fact]
    public void AFailingSetfilesFailsTheStage()
    {
        _run.Write("/etc/selinux/config", "SELINUX=permissive\nSELINUXTYPE=mls\n");
        var script = _run.Script("setfiles-fails", "echo 'no policy' >&2\nexit 3\n");
        _run.Tools = _run.Tools with { Setfiles = script };

        var message = _run.ProvisionFails(Ign.Config());

        Assert.Equal($"relabel the created paths with setfiles: \"{script}\" \"-vF0\" \"-r\" \"{_run.Root}\" \"{_run.Root}/etc/selinux/mls/contexts/files/file_contexts\" \"-f\" \"-\" exited with status 3: no policy", message);
    }

    /// <summary>A setfiles that records its arguments (one per line) and its standard input in the host directory.</summary>
    private (string Args, string Stdin) FakeSetfiles()
    {
        var args = Path.Combine(_run.Host, "setfiles.args");
        var stdin = Path.Combine(_run.Host, "setfiles.stdin");
        var script = _run.Script("setfiles", $"printf '%s\\n' \"$@\" > '{args}'\ncat > '{stdin}'\n");
        _run.Tools = _run.Tools with { Setfiles = script };
        return (args, stdin);
    }
}
