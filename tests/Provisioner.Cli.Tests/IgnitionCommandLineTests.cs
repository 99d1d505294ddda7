using System.Text;
using Provisioner.Cli.Commands;
using Provisioner.Engine;

namespace Provisioner.Cli.Tests;

/// <summary>The <c>ignition</c> command line, as Ignition's dracut units pass it.</summary>
public sealed class IgnitionCommandLineTests
{
    private static EngineOptions Parse(params string[] args)
    {
        var (options, error) = IgnitionCommandLine.Parse(args);
        Assert.True(options is not null, error);
        return options!;
    }

    private static string Error(params string[] args)
    {
        var (options, error) = IgnitionCommandLine.Parse(args);
        Assert.Null(options);
        return error!;
    }

    [Theory]
    [InlineData("-platform", "qemu", "-stage", "files")]
    [InlineData("--platform", "qemu", "--stage", "files")]
    [InlineData("-platform=qemu", "-stage=files")]
    [InlineData("--platform=qemu", "--stage=files")]
    public void OneOrTwoDashesWithASpaceOrAnEqualsSign(params string[] args)
    {
        var options = Parse(args);
        Assert.Equal("qemu", options.Platform);
        Assert.Equal(Stage.Files, options.Stage);
    }

    [Fact]
    public void DefaultsAreIgnitions()
    {
        var options = Parse("-platform=metal", "-stage=fetch-offline");
        Assert.Equal("/", options.Root);
        Assert.Equal("/run/ignition.json", options.ConfigCache);
        Assert.Equal("/run/ignition/state", options.StateFile);
        Assert.Equal("/run/ignition/neednet", options.NeedNetFile);
        Assert.Equal(TimeSpan.FromMinutes(2), options.FetchTimeout);
        Assert.False(options.LogToStdout);
    }

    [Fact]
    public void EveryFlagIsTaken()
    {
        var options = Parse("--root=/sysroot", "-config-cache", "/tmp/c.json", "-state-file=/tmp/state", "-neednet", "/tmp/nn",
            "-fetch-timeout=1m30s", "-log-to-stdout", "-platform", "aws", "-stage", "umount");
        Assert.Equal(new EngineOptions("aws", Stage.Umount)
        {
            Root = "/sysroot",
            ConfigCache = "/tmp/c.json",
            StateFile = "/tmp/state",
            NeedNetFile = "/tmp/nn",
            FetchTimeout = TimeSpan.FromSeconds(90),
            LogToStdout = true,
        }, options);
        Assert.False(Parse("-platform=aws", "-stage=files", "-log-to-stdout=false").LogToStdout);
    }

    [Theory]
    [InlineData(new[] { "-platform=qemu" }, "'-stage' must be provided")]
    [InlineData(new[] { "-stage=files" }, "'-platform' must be provided")]
    [InlineData(new[] { "-platform=qemu", "-stage=file" }, "invalid value \"file\" for -stage")]
    [InlineData(new[] { "-platform=qemu", "-stage=files", "-bogus" }, "flag provided but not defined: -bogus")]
    [InlineData(new[] { "-platform=qemu", "-stage" }, "flag needs an argument: -stage")]
    [InlineData(new[] { "-platform=qemu", "-stage=files", "-fetch-timeout=soon" }, "invalid value \"soon\" for -fetch-timeout")]
    [InlineData(new[] { "-platform=qemu", "-stage=files", "extra" }, "unexpected argument extra")]
    [InlineData(new[] { "-platform=qemu", "-stage=files", "-log-to-stdout=maybe" }, "invalid boolean value \"maybe\"")]
    public void MistakesAreNamed(string[] args, string expected)
    {
        Assert.StartsWith(expected, Error(args));
    }

    [Theory]
    [InlineData("2m0s", 120_000)]
    [InlineData("90s", 90_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("300ms", 300)]
    [InlineData("1h2m3s", 3_723_000)]
    [InlineData("0", 0)]
    public void DurationsAreWrittenAsGoWritesThem(string text, long milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), GoDuration.TryParse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("5 s")]
    [InlineData("1d")]
    public void MalformedDurationsAreRefused(string text)
    {
        Assert.Null(GoDuration.TryParse(text));
    }

    [Fact]
    public void AStageWithoutTheFetchStagesCacheFailsNamingTheCache()
    {
        var dir = Directory.CreateTempSubdirectory("provisioner-cli-");
        try
        {
            var cache = Path.Combine(dir.FullName, "ignition.json");
            var error = new StringWriter();
            var exit = ProvisionerCli.Run(
                ["-platform=qemu", "-stage=files", "-root=" + dir.FullName, "-config-cache=" + cache, "-state-file=" + Path.Combine(dir.FullName, "state"), "-log-to-stdout"],
                new Terminal(new MemoryStream(), new StringWriter(), error));
            Assert.Equal(1, exit);
            Assert.Equal($"provisioner: files failed: cannot read the config cache (written by the fetch stages; did they run?) {cache}: no such file or directory", error.ToString().Trim());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void AMissingRequiredFlagExitsTwoAsIgnitionDoes()
    {
        var error = new StringWriter();
        var exit = ProvisionerCli.Run(["-platform=qemu"], new Terminal(new MemoryStream(Encoding.UTF8.GetBytes("")), new StringWriter(), error));
        Assert.Equal(2, exit);
        Assert.Contains("'-stage' must be provided", error.ToString());
    }
}
