using Provisioner.Engine.Tools;

namespace Provisioner.Engine.Providers;

/// <summary>
/// NVIDIA BlueField DPUs: the config is written to the boot FIFO, which the <c>mlxbf_bootctl</c> driver shows
/// at /sys/bus/platform/devices/MLNXBF04:00/bootfifo; NULs are trimmed. No FIFO, or an empty one, means no config.
/// </summary>
public sealed class NvidiaBlueFieldProvider : IPlatformProvider
{
    public string Name => "nvidiabluefield";

    /// <summary>Where the boot FIFO may be; tests point it elsewhere.</summary>
    internal IReadOnlyList<string> BootFifoPaths { get; init; } = ["/sys/bus/platform/devices/MLNXBF04:00/bootfifo"];

    public byte[] Fetch(ProviderContext context)
    {
        try
        {
            context.Runner.Run(context.Tools.Modprobe, ["mlxbf_bootctl"]);
        }
        catch (ToolFailedException e)
        {
            throw new StageFailedException($"nvidiabluefield: cannot load the mlxbf_bootctl kernel module: {e.Message}");
        }
        foreach (var path in BootFifoPaths)
        {
            byte[] raw;
            try
            {
                // Read to the end rather than to the size sysfs announces (a page, whatever the FIFO holds).
                using var fifo = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
                using var copy = new MemoryStream();
                fifo.CopyTo(copy);
                raw = copy.ToArray();
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                continue;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                context.Log.Error($"could not read bootfifo at {path}: {HostFiles.Describe(e)}");
                continue;
            }
            if (raw.Length == 0)
            {
                context.Log.Info($"{path} is empty");
                continue;
            }
            return raw.AsSpan().Trim((byte)0).ToArray();
        }
        context.Log.Info("no config found in any of the NVIDIA BlueField bootfifo interfaces");
        return [];
    }
}
