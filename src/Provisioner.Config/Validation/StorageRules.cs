using Provisioner.Config.Model;
using Provisioner.Config.Reporting;

namespace Provisioner.Config.Validation;

/// <summary>
/// The <c>storage</c> section: Ignition's <c>Storage.Validate</c> (rules across lists), then every
/// list's items in Go field order. Go compares every pair of entries; here the pairs are looked up
/// in dictionaries, emitting the same findings in the same order.
/// </summary>
internal static class StorageRules
{
    public static void Validate(Storage storage, JsonPath path, RuleContext ctx)
    {
        var linkPaths = CountBy(storage.Links, l => l.Path);
        var directories = path.Append("directories");
        var files = path.Append("files");
        var links = path.Append("links");

        for (var i = 0; i < storage.Directories.Count; i++)
        {
            Repeat(LinksAbove(storage.Directories[i].Path, linkPaths), directories, i, Messages.DirectoryUsedSymlink, ctx);
        }
        for (var i = 0; i < storage.Files.Count; i++)
        {
            Repeat(LinksAbove(storage.Files[i].Path, linkPaths), files, i, Messages.FileUsedSymlink, ctx);
        }
        ValidateLinks(storage, links, linkPaths, ctx);
        ValidateFilesystemsOnDisks(storage, path.Append("filesystems"), ctx);

        for (var i = 0; i < storage.Directories.Count; i++)
        {
            NodeRules.ValidateDirectory(storage.Directories[i], directories.Append(i), ctx);
        }
        var disks = path.Append("disks");
        for (var i = 0; i < storage.Disks.Count; i++)
        {
            DiskRules.Validate(storage.Disks[i], disks.Append(i), ctx);
        }
        for (var i = 0; i < storage.Files.Count; i++)
        {
            NodeRules.ValidateFile(storage.Files[i], files.Append(i), ctx);
        }
        var filesystems = path.Append("filesystems");
        for (var i = 0; i < storage.Filesystems.Count; i++)
        {
            FilesystemRules.Validate(storage.Filesystems[i], filesystems.Append(i), ctx);
        }
        for (var i = 0; i < storage.Links.Count; i++)
        {
            NodeRules.ValidateLink(storage.Links[i], links.Append(i), ctx);
        }
        var luks = path.Append("luks");
        for (var i = 0; i < storage.Luks.Count; i++)
        {
            LuksRules.Validate(storage.Luks[i], luks.Append(i), ctx);
        }
        var raid = path.Append("raid");
        for (var i = 0; i < storage.Raid.Count; i++)
        {
            RaidRules.Validate(storage.Raid[i], raid.Append(i), ctx);
        }
    }

    private static void ValidateLinks(Storage storage, JsonPath links, Dictionary<string, int> linkPaths, RuleContext ctx)
    {
        Dictionary<string, int>? directoryPaths = null;
        for (var i = 0; i < storage.Links.Count; i++)
        {
            var link = storage.Links[i];
            var at = links.Append(i);
            Repeat(LinksAbove(link.Path, linkPaths), at, Messages.LinkUsedSymlink, ctx);
            if (ctx.RequiresRaidLevelAndLinkTarget && string.IsNullOrEmpty(link.Target))
            {
                ctx.Error(at, "target", Messages.LinkTargetRequired);
                continue;
            }
            if (link.Hard != true)
            {
                continue;
            }
            var target = LexicalPath.Clean(link.Target ?? "");
            if (!LexicalPath.IsAbs(target))
            {
                target = LexicalPath.Join(link.Path, link.Target ?? "");
            }
            directoryPaths ??= CountBy(storage.Directories, d => d.Path);
            Repeat(directoryPaths.GetValueOrDefault(target), at, Messages.HardLinkToDirectory, ctx);
            if (link.User.Id is not null)
            {
                ctx.Warning(at, "user", "id", Messages.HardLinkSpecifiesOwner);
            }
            if (link.User.Name is not null)
            {
                ctx.Warning(at, "user", "name", Messages.HardLinkSpecifiesOwner);
            }
            if (link.Group.Id is not null)
            {
                ctx.Warning(at, "group", "id", Messages.HardLinkSpecifiesOwner);
            }
            if (link.Group.Name is not null)
            {
                ctx.Warning(at, "group", "name", Messages.HardLinkSpecifiesOwner);
            }
        }
    }

    /// <summary>A filesystem put straight on a disk the config partitions or wipes (Ignition 2.15+).</summary>
    private static void ValidateFilesystemsOnDisks(Storage storage, JsonPath filesystems, RuleContext ctx)
    {
        if (storage.Disks.Count == 0)
        {
            return;
        }
        var disks = new Dictionary<string, Disk>(StringComparer.Ordinal);
        foreach (var disk in storage.Disks)
        {
            disks[disk.Device] = disk;
        }
        for (var i = 0; i < storage.Filesystems.Count; i++)
        {
            var fs = storage.Filesystems[i];
            if (!disks.TryGetValue(fs.Device, out var disk))
            {
                continue;
            }
            if (disk.Partitions.Count > 0)
            {
                ctx.Warning(filesystems.Append(i).Append("device"), Messages.PartitionsOverwritten);
            }
            else if (fs.WipeFilesystem != true && disk.WipeTable == true)
            {
                ctx.Warning(filesystems.Append(i).Append("device"), Messages.FilesystemImplicitWipe);
            }
        }
    }

    /// <summary>How many links' paths <paramref name="path"/> lies under (Go: HasPrefix(path, link+"/")).</summary>
    private static int LinksAbove(string path, Dictionary<string, int> linkPaths)
    {
        if (linkPaths.Count == 0)
        {
            return 0;
        }
        var count = 0;
        var lookup = linkPaths.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var k = path.IndexOf('/', StringComparison.Ordinal); k >= 0; k = path.IndexOf('/', k + 1))
        {
            if (lookup.TryGetValue(path.AsSpan(0, k), out var n))
            {
                count += n;
            }
        }
        return count;
    }

    private static Dictionary<string, int> CountBy<T>(List<T> items, Func<T, string> key)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var k = key(item);
            counts[k] = counts.GetValueOrDefault(k) + 1;
        }
        return counts;
    }

    private static void Repeat(int times, JsonPath list, int index, string message, RuleContext ctx)
    {
        if (times > 0)
        {
            Repeat(times, list.Append(index), message, ctx);
        }
    }

    private static void Repeat(int times, JsonPath path, string message, RuleContext ctx)
    {
        for (var n = 0; n < times; n++)
        {
            ctx.Error(path, message);
        }
    }
}
