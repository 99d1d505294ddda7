using Provisioner.Engine.Fetching;
using Provisioner.Engine.Logging;
using Provisioner.Engine.Providers;
using Provisioner.Engine.State;

namespace Provisioner.Engine.Tests.Providers;

/// <summary>
/// <c>ignition.config.device=LABEL ignition.config.path=PATH</c> on the kernel command line: the labelled
/// filesystem (a real loop device here) is waited for, mounted read-only, the file read and the drive unmounted.
/// </summary>
public sealed class ConfigDeviceTests : IDisposable
{
    private const string Config = """{"ignition":{"version":"3.4.0"},"storage":{"files":[{"path":"/from-device"}]}}""";

    private readonly ProviderTestKit kit = new();
    private readonly string host;
    private readonly string labels;
    private LabelledDrive? drive;

    public ConfigDeviceTests()
    {
        host = kit.Directory();
        labels = Path.Combine(host, "by-label");
    }

    public void Dispose()
    {
        drive?.Dispose();
        kit.Dispose();
        Assert.True(LabelledDrive.NoConfigDriveMounted(), "a config drive was left mounted");
    }

    [Fact]
    public void TheConfigIsReadFromThePathOnTheLabelledDevice()
    {
        drive = new LabelledDrive(labels, "IGNCONF", new Dictionary<string, string> { ["/configs/user.ign"] = Config });

        var (config, state) = Acquire("ignition.config.device=IGNCONF ignition.config.path=/configs/user.ign");

        Assert.Equal("/from-device", Assert.Single(config.Storage.Files).Path);
        Assert.Equal("cmdline", Assert.Single(state.FetchedConfigs).Source);
    }

    [Fact]
    public void AMissingFileOnTheDeviceIsAnError()
    {
        drive = new LabelledDrive(labels, "IGNCONF", new Dictionary<string, string> { ["/other"] = "x" });

        var e = Assert.Throws<StageFailedException>(() => Acquire("ignition.config.device=IGNCONF ignition.config.path=user.ign"));
        Assert.Contains("config file \"user.ign\" not found on device \"IGNCONF\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADeviceThatNeverAppearsIsAnErrorAfterTheWait()
    {
        var e = Assert.Throws<StageFailedException>(() => Acquire("ignition.config.device=ABSENT ignition.config.path=user.ign"));
        Assert.Contains("device \"ABSENT\"", e.Message, StringComparison.Ordinal);
        Assert.Contains("did not appear", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ignition.config.device=../sda ignition.config.path=user.ign", "invalid device label")]
    [InlineData("ignition.config.device=.. ignition.config.path=user.ign", "invalid device label")]
    [InlineData("ignition.config.device=IGNCONF", "must be provided together")]
    [InlineData("ignition.config.path=user.ign ignition.config.device=", "must be provided together")]
    public void ABadOrLoneParameterIsAnError(string cmdline, string expected)
    {
        var e = Assert.Throws<StageFailedException>(() => Acquire(cmdline));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    private (Provisioner.Config.Model.Configuration Config, EngineState State) Acquire(string cmdline)
    {
        var cmdlinePath = Path.Combine(host, "cmdline");
        File.WriteAllText(cmdlinePath, cmdline + "\n");
        var empty = Path.Combine(host, "empty");
        Directory.CreateDirectory(empty);
        string? Environment(string name) => name switch
        {
            "IGNITION_KERNEL_CMDLINE_PATH" => cmdlinePath,
            "IGNITION_SYSTEM_RUNTIME_CONFIG_DIR" or "IGNITION_SYSTEM_LOCAL_CONFIG_DIR" or "IGNITION_SYSTEM_CONFIG_DIR" => empty,
            _ => null,
        };
        var context = new ProviderContext(kit.Fetcher, new Log(kit.Log), Environment) { Tools = kit.Tools };
        var state = new EngineState();
        var acquirer = new ConfigAcquirer(new MetalProvider(), context, state) { LabelDirectory = labels, DeviceTimeout = TimeSpan.FromMilliseconds(500) };
        return (acquirer.Acquire(Path.Combine(host, "cache", "ignition.json")), state);
    }
}
