using Provisioner.Config.Model;
using Provisioner.Engine.Stages.Disks;

namespace Provisioner.Engine.Stages.Files;

/// <summary>
/// What the files stage does for storage.luks, as Ignition does on a first boot: each volume's key (kept
/// in the state by the disks stage) is written to /etc/luks/NAME (0600; /etc/luks made 0700 when absent),
/// unless clevis unlocks it; a line <c>NAME UUID=… /etc/luks/NAME|none luks[,_netdev],x-initrd.attach</c>
/// is appended to /etc/crypttab (0600); then the keys are dropped from the state, so they live only
/// in the (possibly encrypted) root.
/// </summary>
public static class CrypttabSteps
{
    public const string CrypttabPath = "/etc/crypttab";
    public const string KeyDirectory = "/etc/luks";
    private const int PrivateFileMode = 0b110_000_000;      // 0600
    private const int PrivateDirectoryMode = 0b111_000_000; // 0700

    public static List<FilesStep> Plan(IReadOnlyList<Luks> volumes, FilesContext ctx)
    {
        if (volumes.Count == 0)
        {
            return [];
        }
        var steps = new List<FilesStep>();
        for (var i = 0; i < volumes.Count; i++)
        {
            var luks = volumes[i];
            if (!ClevisPin.IsPresent(luks.Clevis))
            {
                var path = KeyFilePath(luks);
                steps.Add(new FilesStep($"write the key file of LUKS volume {luks.Name} at {path} mode 0600", $"$.storage.luks.{i}",
                    () => WriteKeyFile(luks, path, ctx)));
            }
        }
        for (var i = 0; i < volumes.Count; i++)
        {
            var luks = volumes[i];
            steps.Add(new FilesStep($"add LUKS volume {luks.Name} to {CrypttabPath}", $"$.storage.luks.{i}", () => AppendLine(luks, ctx)));
        }
        steps.Add(new FilesStep("drop the LUKS keys from the state file", null, () => ctx.State.LuksPersistKeyFiles = null));
        return steps;
    }

    public static string KeyFilePath(Luks luks) => $"{KeyDirectory}/{luks.Name}";

    /// <summary>The crypttab line of a volume (Ignition's HEAD format, with x-initrd.attach), newline included.</summary>
    public static string Line(Luks luks, string uuid)
    {
        var keyFile = ClevisPin.IsPresent(luks.Clevis) ? "none" : KeyFilePath(luks);
        var options = ClevisPin.NeedsNetwork(luks.Clevis) ? "_netdev,x-initrd.attach" : "x-initrd.attach";
        return $"{luks.Name} UUID={uuid} {keyFile} luks,{options}\n";
    }

    private static void WriteKeyFile(Luks luks, string path, FilesContext ctx)
    {
        if (ctx.State.LuksPersistKeyFiles?.GetValueOrDefault(luks.Name) is not { } key)
        {
            throw new StageFailedException($"the state file has no key for LUKS volume {luks.Name} (did the disks stage run?)");
        }
        if (ctx.Fs.Lstat(KeyDirectory) is null)
        {
            ctx.Relabeler.MarkFirstMissing(ctx.Fs, KeyDirectory);
            NodeWriter.CreateDirectory(new Provisioner.Config.Model.Directory { Path = KeyDirectory, Mode = PrivateDirectoryMode }, KeyDirectory, ctx);
        }
        ctx.Relabeler.MarkFirstMissing(ctx.Fs, path);
        NodeWriter.WriteFile(new Provisioner.Config.Model.File { Path = path, Contents = new Resource { Source = key }, Mode = PrivateFileMode }, path, ctx);
    }

    private static void AppendLine(Luks luks, FilesContext ctx)
    {
        var uuid = ctx.Runner.Run(ctx.Tools.Cryptsetup, ["luksUUID", luks.Device!]).Stdout.Trim();
        var line = Line(luks, uuid);
        ctx.Relabeler.MarkFirstMissing(ctx.Fs, CrypttabPath);
        var crypttab = new Provisioner.Config.Model.File
        {
            Path = CrypttabPath,
            Mode = PrivateFileMode,
            Append = [new Resource { Source = "data:," + Uri.EscapeDataString(line) }],
        };
        NodeWriter.WriteFile(crypttab, CrypttabPath, ctx);
        ctx.Log.Info($"{CrypttabPath}: {line.TrimEnd('\n')}");
    }
}
