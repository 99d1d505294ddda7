namespace Provisioner.Engine.Tests.Stages;

/// <summary>The kargs stage: the distribution's helper gets Ignition's arguments; nothing asked, nothing run.</summary>
public sealed class KargsStageTests : IDisposable
{
    private readonly EngineRun _run = new();

    public void Dispose() => _run.Dispose();

    [Fact]
    public void TheHelperGetsEveryShouldExistThenEveryShouldNotExist()
    {
        var args = Path.Combine(_run.Host, "args");
        _run.Tools = _run.Tools with { KargsHelper = _run.Script("kargs-helper", $"printf '%s\\n' \"$@\" > '{args}'\n") };
        _run.Config(Ign.Config("""
            "kernelArguments": { "shouldExist": ["console=ttyS0", "quiet"], "shouldNotExist": ["rhgb"] }
            """));

        _run.Run(Stage.FetchOffline);
        _run.Run(Stage.Kargs);

        Assert.Equal("--should-exist\nconsole=ttyS0\n--should-exist\nquiet\n--should-not-exist\nrhgb\n", File.ReadAllText(args));
        Assert.Contains(_run.Log.Messages, m => m.Contains("[finished] update the kernel arguments: ensure console=ttyS0 quiet; remove rhgb", StringComparison.Ordinal));
    }

    [Fact]
    public void AFailingHelperFailsTheStageNamingTheSection()
    {
        _run.Tools = _run.Tools with { KargsHelper = _run.Script("kargs-helper", "echo 'not supported by this distribution' >&2\nexit 1\n") };
        _run.Config(Ign.Config("""
            "kernelArguments": { "shouldExist": ["quiet"] }
            """));
        _run.Run(Stage.FetchOffline);

        var message = _run.Fails(Stage.Kargs).Message;

        Assert.StartsWith("$.kernelArguments: update the kernel arguments: ensure quiet: ", message, StringComparison.Ordinal);
        Assert.Contains("not supported by this distribution", message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoKernelArgumentsRunNothing()
    {
        _run.Tools = _run.Tools with { KargsHelper = "/nonexistent/kargs-helper" };
        _run.Config(Ign.Config(""));
        _run.Run(Stage.FetchOffline);

        _run.Run(Stage.Kargs);

        Assert.Contains(_run.Log.Messages, m => m.EndsWith("no kernel arguments in the config: nothing to do", StringComparison.Ordinal));
    }
}
