using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Provisioner.Engine.Logging;
using Provisioner.Engine.Resources.Http;
using Provisioner.Engine.Tests.Logging;
using Provisioner.Engine.Tests.Machine;
using Provisioner.Engine.Tools;

namespace Provisioner.Engine.Tests.Stages;

/// <summary>
/// One first boot of a temporary machine, stage by stage, through <see cref="StageRunner"/>: the sandbox's
/// root is the target; a separate host directory holds what the initramfs would (the config file of the
/// <c>file</c> platform, the kernel command line, the three system config directories, the config cache,
/// the state file and the neednet flag). The environment is a fake, so the host's own /run/ignition,
/// /etc/ignition and /proc/cmdline are never read.
/// </summary>
internal sealed class EngineRun : IDisposable
{
    public EngineRun()
    {
        // Not named after the sandbox's token: HostSnapshot looks for that token outside the sandbox.
        Host = Path.Combine(Path.GetTempPath(), "provisioner-host-" + RandomNumberGenerator.GetHexString(12, lowercase: true));
        try
        {
            Directory.CreateDirectory(RuntimeDir);
            Directory.CreateDirectory(LocalDir);
            Directory.CreateDirectory(SystemDir);
            File.WriteAllText(CmdlinePath, "");
            File.WriteAllText(ConfigPath, "");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public Sandbox Box { get; } = new();

    public string Root => Box.Root;

    public string Host { get; }

    public string ConfigPath => Path.Combine(Host, "config.ign");

    public string CmdlinePath => Path.Combine(Host, "cmdline");

    /// <summary>IGNITION_SYSTEM_RUNTIME_CONFIG_DIR (/run/ignition), the highest priority.</summary>
    public string RuntimeDir => Path.Combine(Host, "run-ignition");

    /// <summary>IGNITION_SYSTEM_LOCAL_CONFIG_DIR (/etc/ignition).</summary>
    public string LocalDir => Path.Combine(Host, "etc-ignition");

    /// <summary>IGNITION_SYSTEM_CONFIG_DIR (/usr/lib/ignition), the lowest priority.</summary>
    public string SystemDir => Path.Combine(Host, "usr-lib-ignition");

    public string CachePath => Path.Combine(Host, "run", "ignition.json");

    public string StatePath => Path.Combine(Host, "run", "ignition", "state");

    public string NeedNetPath => Path.Combine(Host, "run", "ignition", "neednet");

    public ListLogSink Log { get; } = new();

    /// <summary>is-live-image is named by a path that cannot exist, so the host's own hook never decides a test.</summary>
    public ToolPaths Tools { get; set; } = new() { IsLiveImage = "/nonexistent/is-live-image" };

    /// <summary>Ignition's backoff shrunk, so tests that retry stay fast; the real values are a unit test's.</summary>
    public RetryBackoff Backoff { get; set; } = new(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(50));

    /// <summary>The -fetch-timeout flag: Ignition's 2 minutes unless a test shortens it.</summary>
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>More of the fake environment (the test-only endpoints of the cloud providers).</summary>
    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    public void Config(string json) => File.WriteAllText(ConfigPath, json);

    public void Cmdline(string text) => File.WriteAllText(CmdlinePath, text);

    public void Run(Stage stage, string platform = "file")
    {
        var options = new EngineOptions(platform, stage)
        {
            Root = Root,
            ConfigCache = CachePath,
            StateFile = StatePath,
            NeedNetFile = NeedNetPath,
            FetchTimeout = FetchTimeout,
        };
        new StageRunner(options, new Log(Log))
        {
            Environment = Environment,
            Tools = Tools,
            Backoff = Backoff,
            TftpTimeout = TimeSpan.FromMilliseconds(300),
        }.Run();
    }

    public StageFailedException Fails(Stage stage, string platform = "file") =>
        Assert.Throws<StageFailedException>(() => Run(stage, platform));

    /// <summary>fetch-offline, then files: the stages a files-only config needs.</summary>
    public void Provision(string json)
    {
        Config(json);
        Run(Stage.FetchOffline);
        Run(Stage.Files);
    }

    /// <summary>fetch-offline passes, the files stage fails: its message.</summary>
    public string ProvisionFails(string json)
    {
        Config(json);
        Run(Stage.FetchOffline);
        return Fails(Stage.Files).Message;
    }

    /// <summary>The host path of a config path in the target root, joined without resolving.</summary>
    public string InRoot(string configPath) => Box.InRoot(configPath);

    public string Read(string configPath) => File.ReadAllText(InRoot(configPath));

    /// <summary>type|mode|uid|gid of a node in the root, not following a final symlink.</summary>
    public string Stat(string configPath) => string.Join('|', Sandbox.Stat(InRoot(configPath)).Split('|').Take(4));

    public void Write(string configPath, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(InRoot(configPath))!);
        File.WriteAllText(InRoot(configPath), text);
    }

    public void Link(string configPath, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(InRoot(configPath))!);
        File.CreateSymbolicLink(InRoot(configPath), target);
    }

    /// <summary>An executable shell script in the host directory, for <see cref="Tools"/>; returns its path.</summary>
    public string Script(string name, string body)
    {
        var path = Path.Combine(Host, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body);
        Sandbox.Run("chmod", "0755", path);
        return path;
    }

    /// <summary>Copies the host's account databases into the root, as a real root has them, for useradd --root.</summary>
    public void SeedAccounts()
    {
        Directory.CreateDirectory(InRoot("/etc"));
        foreach (var name in new[] { "passwd", "group", "shadow", "gshadow", "login.defs" })
        {
            File.Copy("/etc/" + name, InRoot("/etc/" + name));
        }
    }

    public JsonObject State() => JsonNode.Parse(File.ReadAllText(StatePath))!.AsObject();

    public JsonObject Result() => JsonNode.Parse(Read("/etc/.ignition-result.json"))!.AsObject();

    public void Dispose()
    {
        Box.Dispose();
        if (Directory.Exists(Host))
        {
            Directory.Delete(Host, recursive: true);
        }
    }

    private string? Environment(string name) => name switch
    {
        "IGNITION_CONFIG_FILE" => ConfigPath,
        "IGNITION_KERNEL_CMDLINE_PATH" => CmdlinePath,
        "IGNITION_SYSTEM_RUNTIME_CONFIG_DIR" => RuntimeDir,
        "IGNITION_SYSTEM_LOCAL_CONFIG_DIR" => LocalDir,
        "IGNITION_SYSTEM_CONFIG_DIR" => SystemDir,
        _ => Variables.GetValueOrDefault(name),
    };
}
