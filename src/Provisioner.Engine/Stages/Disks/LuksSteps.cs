using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Provisioner.Config.Model;
using Provisioner.Engine.Machine;

namespace Provisioner.Engine.Stages.Disks;

/// <summary>
/// storage.luks, with Ignition's rules. The key comes from <c>keyFile</c> or, without a source, is
/// generated (4096 random bytes, hex); it is kept in the state for the files stage's /etc/luks/NAME.
/// Without <c>wipeVolume</c> an existing LUKS2 volume is reused (opened, not formatted) when its label,
/// UUID and discard flag match and the key opens it; a LUKS1 volume, a LUKS2 one that does not match, or
/// any other signature is an error and the device is left untouched. Otherwise the device is wiped,
/// formatted as LUKS2 and opened (<c>--persistent</c>, so discard and open options live in the header),
/// then bound to clevis when the config asks.
/// </summary>
public static class LuksSteps
{
    public static List<StageStep> Plan(IReadOnlyList<Luks> volumes, DisksContext ctx)
    {
        var steps = new List<StageStep>();
        for (var i = 0; i < volumes.Count; i++)
        {
            var volume = new Volume(volumes[i], first: i == 0);
            var source = $"$.storage.luks.{i}";
            var luks = volume.Luks;
            steps.Add(new StageStep(DescribeFormat(luks), source, () => Format(volume, ctx)));
            steps.Add(new StageStep($"open LUKS volume {luks.Name} at /dev/mapper/{luks.Name}", source, () => Open(volume, ctx)));
            if (ClevisPin.IsPresent(luks.Clevis))
            {
                steps.Add(new StageStep($"bind LUKS volume {luks.Name} to clevis: {ClevisPin.Summary(luks.Clevis)}", source, () => Bind(volume, ctx)));
            }
        }
        return steps;
    }

    /// <summary>What a volume's steps share: the device node, the key (in memory only), whether it was reused.</summary>
    private sealed class Volume(Luks luks, bool first)
    {
        public Luks Luks { get; } = luks;
        public bool First { get; } = first;
        public string Node { get; set; } = "";
        public byte[] Key { get; set; } = [];
        public bool Generated { get; set; }
        public bool Reused { get; set; }
    }

    public static string DescribeFormat(Luks luks) =>
        luks.WipeVolume == true
            ? $"format {luks.Device} as LUKS2 volume {luks.Name} (wiping it)"
            : $"format {luks.Device} as LUKS2 volume {luks.Name} unless a matching one is there";

    /// <summary>cryptsetup's luksFormat arguments, in Ignition's order (the config's options after its flags, the device last).</summary>
    public static List<string> FormatArguments(Luks luks, string keyFile, string device)
    {
        var args = new List<string> { "luksFormat", "--type", "luks2", "--key-file", keyFile };
        if (!string.IsNullOrEmpty(luks.Label))
        {
            args.AddRange(["--label", luks.Label]);
        }
        if (!string.IsNullOrEmpty(luks.Uuid))
        {
            args.AddRange(["--uuid", luks.Uuid]);
        }
        args.AddRange(luks.Options);
        args.Add(device);
        return args;
    }

    /// <summary>cryptsetup's luksOpen arguments: --persistent stores discard and the open options in the header (crypttab then needs neither).</summary>
    public static List<string> OpenArguments(Luks luks, string keyFile, string device)
    {
        var args = new List<string> { "luksOpen", device, luks.Name, "--key-file", keyFile, "--persistent" };
        if (luks.Discard == true)
        {
            args.Add("--allow-discards");
        }
        args.AddRange(luks.OpenOptions);
        return args;
    }

    /// <summary>The key as the state file keeps it for the files stage: a base64 data URL.</summary>
    public static string KeyDataUrl(byte[] key) => "data:application/octet-stream;base64," + Convert.ToBase64String(key);

    private static void Format(Volume volume, DisksContext ctx)
    {
        var luks = volume.Luks;
        if (luks.Cex.Enabled == true)
        {
            throw new StageFailedException(
                "cex (a secure key from an IBM Crypto Express adapter) needs IBM Z (s390x) with zkey and a CCA adapter; this build of provisioner does not support it");
        }
        if (ClevisPin.IsPresent(luks.Clevis))
        {
            RequireTool(ctx.Tools.Clevis, $"LUKS volume {luks.Name} has a clevis binding ({ClevisPin.Summary(luks.Clevis)})");
        }
        if (volume.First)
        {
            // Keys of an earlier run are not this run's (Ignition starts the map afresh).
            ctx.State.LuksPersistKeyFiles = [];
        }
        volume.Node = ctx.Devices.WaitFor(luks.Device!, $"LUKS volume {luks.Name}");
        volume.Key = ObtainKey(luks, ctx, out var generated);
        volume.Generated = generated;
        // Kept before the reuse check, as Ignition does: a reused volume's key goes to /etc/luks too.
        (ctx.State.LuksPersistKeyFiles ??= [])[luks.Name] = KeyDataUrl(volume.Key);

        using var keyFile = LuksKeyFile.Write(volume.Key);
        if (luks.WipeVolume == true)
        {
            ctx.Runner.Run(ctx.Tools.Wipefs, ["-a", volume.Node]);
        }
        else if (IsLuks2(volume.Node, luks.Device!, ctx))
        {
            if (!Reusable(luks, volume.Node, keyFile.Path, ctx, out var why))
            {
                throw new StageFailedException(
                    $"{luks.Device} holds a LUKS2 volume that cannot be reused ({why}), and wipeVolume is false: nothing was changed");
            }
            volume.Reused = true;
            ctx.Log.Info($"{luks.Device} already holds a matching LUKS2 volume, opened with the key file: keeping it");
            return;
        }
        else
        {
            var found = ctx.Devices.Probe(volume.Node);
            if (found.Count > 0)
            {
                throw new StageFailedException(
                    $"{luks.Device} holds {Describe(found)}, not a LUKS2 volume, and wipeVolume is false: nothing was changed");
            }
            ctx.Log.Info($"{luks.Device} is blank");
        }
        // stdin not a terminal: luksFormat's "Are you sure?" is never asked, even when run by hand.
        ctx.Runner.Run(ctx.Tools.Cryptsetup, FormatArguments(luks, keyFile.Path, volume.Node), input: []);
    }

    private static void Open(Volume volume, DisksContext ctx)
    {
        var luks = volume.Luks;
        if (volume.Reused)
        {
            ctx.Log.Info($"LUKS volume {luks.Name} was opened when it was checked for reuse");
        }
        else
        {
            using var keyFile = LuksKeyFile.Write(volume.Key);
            ctx.Runner.Run(ctx.Tools.Cryptsetup, OpenArguments(luks, keyFile.Path, volume.Node));
        }
        if (!ClevisPin.IsPresent(luks.Clevis))
        {
            // The /dev/disk/by-* links of the volume and its mapping, before filesystems look for them.
            ctx.Devices.Settle(volume.Node);
        }
    }

    private static void Bind(Volume volume, DisksContext ctx)
    {
        var luks = volume.Luks;
        var clevis = luks.Clevis;
        var (pin, config) = ClevisPin.Build(clevis);
        // The network may not be up yet: fetching each advertisement first uses the fetcher's retries.
        var withoutAdvertisement = 0;
        foreach (var tang in clevis.Tang.Where(t => string.IsNullOrEmpty(t.Advertisement)))
        {
            withoutAdvertisement++;
            ctx.Fetcher.Fetch(new Resource { Source = AdvertisementUrl(tang.Url) }, $"advertisement of Tang server {tang.Url}");
        }
        using (var keyFile = LuksKeyFile.Write(volume.Key))
        {
            ctx.Runner.Run(ctx.Tools.Clevis, ["luks", "bind", "-f", "-k", keyFile.Path, "-d", volume.Node, pin, config]);
            if (withoutAdvertisement + (clevis.Tpm2 == true ? 1 : 0) >= ClevisPin.Threshold(clevis))
            {
                // Enough pins work right now to unlock it: prove that the binding does.
                ctx.Runner.Run(ctx.Tools.Cryptsetup, ["luksClose", luks.Name]);
                ctx.Runner.Run(ctx.Tools.Clevis, ["luks", "unlock", "-d", volume.Node, "-n", luks.Name]);
            }
            if (volume.Generated)
            {
                // A generated key is nobody's to keep: clevis alone unlocks the volume.
                ctx.Runner.Run(ctx.Tools.Cryptsetup, ["luksRemoveKey", volume.Node, keyFile.Path]);
                ctx.State.LuksPersistKeyFiles?.Remove(luks.Name);
            }
        }
        ctx.Devices.Settle(volume.Node);
    }

    /// <summary>The Tang server's advertisement URL: its path with "/adv" joined on.</summary>
    public static string AdvertisementUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new StageFailedException($"the Tang URL {url} is not a URL");
        }
        var builder = new UriBuilder(uri);
        builder.Path = builder.Path.TrimEnd('/') + "/adv";
        return builder.Uri.AbsoluteUri;
    }

    private static byte[] ObtainKey(Luks luks, DisksContext ctx, out bool generated)
    {
        generated = string.IsNullOrEmpty(luks.KeyFile.Source);
        if (generated)
        {
            // Hex text, as Ignition makes it: clevis has been seen to choke on raw random key files.
            return Encoding.ASCII.GetBytes(RandomNumberGenerator.GetHexString(8192, lowercase: true));
        }
        return ctx.Fetcher.Fetch(luks.KeyFile, $"key file of LUKS volume {luks.Name}");
    }

    /// <summary>LUKS2: true; LUKS1: an error (Ignition cannot reuse it and will not destroy it); anything else: false.</summary>
    private static bool IsLuks2(string node, string device, DisksContext ctx)
    {
        if (ctx.Runner.Try(ctx.Tools.Cryptsetup, ["isLuks", node, "--type", "luks2"]).Succeeded)
        {
            return true;
        }
        if (ctx.Runner.Try(ctx.Tools.Cryptsetup, ["isLuks", node]).Succeeded)
        {
            throw new StageFailedException(
                $"{device} is a LUKS1 volume, not LUKS2, which cannot be reused; wipeVolume is false: nothing was changed");
        }
        return false;
    }

    /// <summary>Ignition's reuse rule; true when the volume matches and is now open.</summary>
    private static bool Reusable(Luks luks, string node, string keyFile, DisksContext ctx, out string why)
    {
        if (ClevisPin.IsPresent(luks.Clevis))
        {
            // What clevis stored in the header cannot be compared with what this config would make.
            why = "the config has a clevis binding";
            return false;
        }
        if (string.IsNullOrEmpty(luks.KeyFile.Source))
        {
            why = "the config gives no key file, and a generated key cannot open it";
            return false;
        }
        if (luks.Label is { } label)
        {
            var found = ctx.Devices.Probe(node).GetValueOrDefault("LABEL", "");
            if (found != label)
            {
                why = $"the label is \"{found}\", the config says \"{label}\"";
                return false;
            }
        }
        if (luks.Uuid is { } uuid)
        {
            var found = ctx.Runner.Run(ctx.Tools.Cryptsetup, ["luksUUID", node]).Stdout.Trim();
            if (!string.Equals(found, uuid, StringComparison.OrdinalIgnoreCase))
            {
                why = $"the UUID is {found}, the config says {uuid}";
                return false;
            }
        }
        var discards = HasFlag(ctx.Runner.Run(ctx.Tools.Cryptsetup, ["luksDump", "--dump-json-metadata", node]).Stdout, "allow-discards");
        if (discards != (luks.Discard == true))
        {
            why = discards ? "it allows discards, the config does not" : "it does not allow discards, the config does";
            return false;
        }
        var open = ctx.Runner.Try(ctx.Tools.Cryptsetup, OpenArguments(luks, keyFile, node));
        if (!open.Succeeded)
        {
            why = $"the key file does not open it: {open.Stderr.Trim()}";
            return false;
        }
        why = "";
        return true;
    }

    /// <summary>Whether the LUKS2 header's JSON (luksDump --dump-json-metadata) has a flag in config.flags.</summary>
    public static bool HasFlag(string metadata, string flag)
    {
        try
        {
            using var json = JsonDocument.Parse(metadata);
            return json.RootElement.TryGetProperty("config", out var config)
                && config.ValueKind == JsonValueKind.Object
                && config.TryGetProperty("flags", out var flags)
                && flags.ValueKind == JsonValueKind.Array
                && flags.EnumerateArray().Any(f => f.ValueKind == JsonValueKind.String && f.GetString() == flag);
        }
        catch (JsonException e)
        {
            throw new StageFailedException($"cannot read the LUKS2 header metadata: {e.Message}");
        }
    }

    private static string Describe(IReadOnlyDictionary<string, string> found)
    {
        if (found.ContainsKey(BlockDevices.Ambivalent))
        {
            return "several signatures";
        }
        var what = found.GetValueOrDefault("TYPE") ?? (found.TryGetValue("PTTYPE", out var table) ? table + " partition table" : "an unknown signature");
        var label = found.TryGetValue("LABEL", out var l) ? $" labelled \"{l}\"" : "";
        var uuid = found.TryGetValue("UUID", out var u) ? $" UUID {u}" : "";
        return what + label + uuid;
    }

    /// <summary>Fails with a clear message when <paramref name="program"/> is neither a file nor on PATH.</summary>
    private static void RequireTool(string program, string why)
    {
        if (program.Contains('/', StringComparison.Ordinal) ? System.IO.File.Exists(program) : OnPath(program))
        {
            return;
        }
        throw new StageFailedException(
            $"{why}, but the clevis tool \"{program}\" is not installed (not found on PATH); add clevis and clevis-luks to the initramfs. Nothing was changed");
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => System.IO.File.Exists(Path.Combine(dir, program)));
}
