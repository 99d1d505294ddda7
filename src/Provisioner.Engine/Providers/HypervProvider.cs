using System.Text;
using Provisioner.Engine.Tools;

namespace Provisioner.Engine.Providers;

/// <summary>
/// Hyper-V: the config is in the host-to-guest key-value pairs (KVP pool 0), under <c>ignition.config</c>, or
/// split over <c>ignition.config.0</c>, <c>.1</c>, … (a value holds at most 2 KiB) and concatenated. Unset means
/// no config. This version reads the pool as hv_kvp_daemon stores it (/var/lib/hyperv/.kvp_pool_0: records
/// of a 512-byte key and a 2048-byte value, NUL-padded); Ignition talks to /dev/vmbus/hv_kvp itself.
/// </summary>
public sealed class HypervProvider : IPlatformProvider
{
    public const string PoolDirectory = "/var/lib/hyperv";
    public const string SingleKey = "ignition.config";

    private const int KeySize = 512;
    private const int ValueSize = 2048;

    public string Name => "hyperv";

    /// <summary>Test only: where the pool files are.</summary>
    internal string Pools { get; init; } = PoolDirectory;

    public byte[] Fetch(ProviderContext context)
    {
        if (!Directory.Exists("/sys/bus/vmbus/drivers/hv_utils"))
        {
            try
            {
                context.Runner.Run(context.Tools.Modprobe, ["hv_utils"]);
            }
            catch (ToolFailedException e)
            {
                throw new StageFailedException($"hyperv: loading hv_utils kernel module: {e.Message}");
            }
        }
        var pool = Path.Join(Pools, ".kvp_pool_0");
        if (!File.Exists(pool))
        {
            throw new StageFailedException(
                $"hyperv: no key-value pool at {pool}; this version reads the pool hv_kvp_daemon writes (run it before provisioner), not /dev/vmbus/hv_kvp");
        }
        var pairs = Parse(HostFiles.Read(pool, "the Hyper-V key-value pool"));
        if (pairs.TryGetValue(SingleKey, out var single) && single.Length > 0)
        {
            context.Log.Debug("found single KVP key");
            return Encoding.UTF8.GetBytes(single);
        }
        var joined = new StringBuilder();
        for (var i = 0; pairs.TryGetValue($"{SingleKey}.{i}", out var part); i++)
        {
            joined.Append(part);
        }
        if (joined.Length == 0)
        {
            context.Log.Info("no Ignition config in the Hyper-V key-value pairs");
            return [];
        }
        context.Log.Debug("found concatenated KVP keys");
        return Encoding.UTF8.GetBytes(joined.ToString());
    }

    /// <summary>The pairs of a pool file; a later record of the same key wins.</summary>
    public static Dictionary<string, string> Parse(byte[] pool)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var offset = 0; offset + KeySize + ValueSize <= pool.Length; offset += KeySize + ValueSize)
        {
            var key = Text(pool.AsSpan(offset, KeySize));
            if (key.Length > 0)
            {
                pairs[key] = Text(pool.AsSpan(offset + KeySize, ValueSize));
            }
        }
        return pairs;
    }

    private static string Text(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? field : field[..end]);
    }
}
