using Provisioner.Config.Model;
using Provisioner.Config.Reporting;

namespace Provisioner.Config.Validation;

/// <summary>
/// Ignition's second walk (<c>ValidateDups</c>): every list is keyed, and an item whose key an
/// earlier item of the same key space already had is a duplicate, reported on the later item.
/// Structs are visited before their children, and lists in Go field order; files, directories and
/// links share one key space, as do the two kernel argument lists. Lists in a struct's
/// IgnoreDuplicates (file append, filesystem options and mountOptions, luks and raid options) are skipped.
/// </summary>
internal static class DuplicateRules
{
    public static void Validate(Configuration config, RuleContext ctx)
    {
        var root = JsonPath.Root;
        Ignition(config.Ignition, root.Append("ignition"), ctx);

        var kargs = root.Append("kernelArguments");
        var seenArgs = new HashSet<string>(StringComparer.Ordinal);
        Keys(config.KernelArguments.ShouldExist, s => s, kargs.Append("shouldExist"), seenArgs, ctx);
        Keys(config.KernelArguments.ShouldNotExist, s => s, kargs.Append("shouldNotExist"), seenArgs, ctx);

        var passwd = root.Append("passwd");
        Keys(config.Passwd.Groups, g => g.Name, passwd.Append("groups"), null, ctx);
        var users = passwd.Append("users");
        Keys(config.Passwd.Users, u => u.Name, users, null, ctx);
        for (var i = 0; i < config.Passwd.Users.Count; i++)
        {
            var user = config.Passwd.Users[i];
            Keys(user.Groups, s => s, users.Append(i).Append("groups"), null, ctx);
            Keys(user.SshAuthorizedKeys, s => s, users.Append(i).Append("sshAuthorizedKeys"), null, ctx);
        }

        Storage(config.Storage, root.Append("storage"), ctx);

        var units = root.Append("systemd").Append("units");
        Keys(config.Systemd.Units, u => u.Name, units, null, ctx);
        for (var i = 0; i < config.Systemd.Units.Count; i++)
        {
            Keys(config.Systemd.Units[i].Dropins, d => d.Name, units.Append(i).Append("dropins"), null, ctx);
        }
    }

    private static void Ignition(IgnitionSection ignition, JsonPath path, RuleContext ctx)
    {
        var config = path.Append("config");
        var merge = config.Append("merge");
        Keys(ignition.Config.Merge, SourceKey, merge, null, ctx);
        for (var i = 0; i < ignition.Config.Merge.Count; i++)
        {
            Headers(ignition.Config.Merge[i], merge.Append(i), ctx);
        }
        Headers(ignition.Config.Replace, config.Append("replace"), ctx);
        Keys(ignition.Proxy.NoProxy, s => s, path.Append("proxy").Append("noProxy"), null, ctx);
        var cas = path.Append("security").Append("tls").Append("certificateAuthorities");
        Keys(ignition.Security.Tls.CertificateAuthorities, SourceKey, cas, null, ctx);
        for (var i = 0; i < ignition.Security.Tls.CertificateAuthorities.Count; i++)
        {
            Headers(ignition.Security.Tls.CertificateAuthorities[i], cas.Append(i), ctx);
        }
    }

    private static void Storage(Storage storage, JsonPath path, RuleContext ctx)
    {
        var nodes = new HashSet<string>(StringComparer.Ordinal);
        Keys(storage.Directories, d => d.Path, path.Append("directories"), nodes, ctx);
        Keys(storage.Disks, d => d.Device, path.Append("disks"), null, ctx);
        Keys(storage.Files, f => f.Path, path.Append("files"), nodes, ctx);
        Keys(storage.Filesystems, f => f.Device, path.Append("filesystems"), null, ctx);
        Keys(storage.Links, l => l.Path, path.Append("links"), nodes, ctx);
        Keys(storage.Luks, l => l.Name, path.Append("luks"), null, ctx);
        Keys(storage.Raid, r => r.Name, path.Append("raid"), null, ctx);

        var disks = path.Append("disks");
        for (var i = 0; i < storage.Disks.Count; i++)
        {
            Keys(storage.Disks[i].Partitions, PartitionKey, disks.Append(i).Append("partitions"), null, ctx);
        }
        var files = path.Append("files");
        for (var i = 0; i < storage.Files.Count; i++)
        {
            var file = storage.Files[i];
            for (var k = 0; k < file.Append.Count; k++)
            {
                if (file.Append[k].HttpHeaders.Count > 0)
                {
                    Headers(file.Append[k], files.Append(i).Append("append").Append(k), ctx);
                }
            }
            if (file.Contents.HttpHeaders.Count > 0)
            {
                Headers(file.Contents, files.Append(i).Append("contents"), ctx);
            }
        }
        var luks = path.Append("luks");
        for (var i = 0; i < storage.Luks.Count; i++)
        {
            var volume = storage.Luks[i];
            var at = luks.Append(i);
            Keys(volume.OpenOptions, s => s, at.Append("openOptions"), null, ctx);
            Keys(volume.Clevis.Tang, t => t.Url, at.Append("clevis").Append("tang"), null, ctx);
            Headers(volume.KeyFile, at.Append("keyFile"), ctx);
        }
        var raid = path.Append("raid");
        for (var i = 0; i < storage.Raid.Count; i++)
        {
            Keys(storage.Raid[i].Devices, s => s, raid.Append(i).Append("devices"), null, ctx);
        }
    }

    private static void Headers(Resource resource, JsonPath path, RuleContext ctx)
    {
        if (resource.HttpHeaders.Count > 0)
        {
            Keys(resource.HttpHeaders, h => h.Name, path.Append("httpHeaders"), null, ctx);
        }
    }

    private static string SourceKey(Resource resource) => resource.Source ?? "";

    private static string PartitionKey(Partition p) => p.Number != 0
        ? "number:" + p.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : p.Label is { } label ? "label:" + label : "";

    /// <summary>Reports every item whose key is already in <paramref name="seen"/> (shared when given).</summary>
    private static void Keys<T>(List<T> items, Func<T, string> key, JsonPath path, HashSet<string>? seen, RuleContext ctx)
    {
        if (items.Count == 0)
        {
            return;
        }
        seen ??= new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (!seen.Add(key(items[i])))
            {
                ctx.Error(path.Append(i), Messages.Duplicate);
            }
        }
    }
}
