using System.Text.Json;
using Provisioner.Config.Model;
using Directory = Provisioner.Config.Model.Directory;
using File = Provisioner.Config.Model.File;

namespace Provisioner.Config.Json;

/// <summary>
/// Writes the model as JSON of the newest spec, the counterpart of <see cref="ModelReader"/>: every field
/// that is set, under its spec name, in the model's order; unset (null) fields are left out, and empty
/// lists and objects are written, so a merge sees every non-nullable field. Plain code rather than
/// System.Text.Json's serializer, whose metadata costs more to set up than the stage's own work.
/// </summary>
internal static class ModelWriter
{
    public static void Write(Utf8JsonWriter w, Configuration config)
    {
        w.WriteStartObject();
        w.WritePropertyName("ignition");
        IgnitionSection(w, config.Ignition);
        w.WritePropertyName("kernelArguments");
        w.WriteStartObject();
        Strings(w, "shouldExist", config.KernelArguments.ShouldExist);
        Strings(w, "shouldNotExist", config.KernelArguments.ShouldNotExist);
        w.WriteEndObject();
        w.WritePropertyName("passwd");
        w.WriteStartObject();
        List(w, "groups", config.Passwd.Groups, PasswdGroup);
        List(w, "users", config.Passwd.Users, PasswdUser);
        w.WriteEndObject();
        w.WritePropertyName("storage");
        Storage(w, config.Storage);
        w.WritePropertyName("systemd");
        w.WriteStartObject();
        List(w, "units", config.Systemd.Units, Unit);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void IgnitionSection(Utf8JsonWriter w, IgnitionSection ignition)
    {
        w.WriteStartObject();
        w.WritePropertyName("config");
        w.WriteStartObject();
        List(w, "merge", ignition.Config.Merge, Resource);
        w.WritePropertyName("replace");
        Resource(w, ignition.Config.Replace);
        w.WriteEndObject();
        w.WritePropertyName("proxy");
        w.WriteStartObject();
        String(w, "httpProxy", ignition.Proxy.HttpProxy);
        String(w, "httpsProxy", ignition.Proxy.HttpsProxy);
        Strings(w, "noProxy", ignition.Proxy.NoProxy);
        w.WriteEndObject();
        w.WritePropertyName("security");
        w.WriteStartObject();
        w.WritePropertyName("tls");
        w.WriteStartObject();
        List(w, "certificateAuthorities", ignition.Security.Tls.CertificateAuthorities, Resource);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WritePropertyName("timeouts");
        w.WriteStartObject();
        Long(w, "httpResponseHeaders", ignition.Timeouts.HttpResponseHeaders);
        Long(w, "httpTotal", ignition.Timeouts.HttpTotal);
        w.WriteEndObject();
        w.WriteString("version", ignition.Version);
        w.WriteEndObject();
    }

    private static void Resource(Utf8JsonWriter w, Resource resource)
    {
        w.WriteStartObject();
        String(w, "compression", resource.Compression);
        List(w, "httpHeaders", resource.HttpHeaders, (w, header) =>
        {
            w.WriteStartObject();
            w.WriteString("name", header.Name);
            String(w, "value", header.Value);
            w.WriteEndObject();
        });
        String(w, "source", resource.Source);
        w.WritePropertyName("verification");
        w.WriteStartObject();
        String(w, "hash", resource.Verification.Hash);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Storage(Utf8JsonWriter w, Storage storage)
    {
        w.WriteStartObject();
        List(w, "directories", storage.Directories, DirectoryEntry);
        List(w, "disks", storage.Disks, Disk);
        List(w, "files", storage.Files, FileEntry);
        List(w, "filesystems", storage.Filesystems, Filesystem);
        List(w, "links", storage.Links, LinkEntry);
        List(w, "luks", storage.Luks, Luks);
        List(w, "raid", storage.Raid, (w, raid) =>
        {
            w.WriteStartObject();
            Strings(w, "devices", raid.Devices);
            String(w, "level", raid.Level);
            w.WriteString("name", raid.Name);
            Strings(w, "options", raid.Options);
            Long(w, "spares", raid.Spares);
            w.WriteEndObject();
        });
        w.WriteEndObject();
    }

    /// <summary>One entry of storage.files, as it stands in the config (a cache entry is this text).</summary>
    public static void FileEntry(Utf8JsonWriter w, File file)
    {
        w.WriteStartObject();
        List(w, "append", file.Append, Resource);
        w.WritePropertyName("contents");
        Resource(w, file.Contents);
        Long(w, "mode", file.Mode);
        NodeFields(w, file);
        w.WriteEndObject();
    }

    public static void DirectoryEntry(Utf8JsonWriter w, Directory directory)
    {
        w.WriteStartObject();
        Long(w, "mode", directory.Mode);
        NodeFields(w, directory);
        w.WriteEndObject();
    }

    public static void LinkEntry(Utf8JsonWriter w, Link link)
    {
        w.WriteStartObject();
        Bool(w, "hard", link.Hard);
        String(w, "target", link.Target);
        NodeFields(w, link);
        w.WriteEndObject();
    }

    /// <summary>The fields every node has, after its own (the order System.Text.Json gave a derived type).</summary>
    private static void NodeFields(Utf8JsonWriter w, Node node)
    {
        Owner(w, "group", node.Group.Id, node.Group.Name);
        Bool(w, "overwrite", node.Overwrite);
        w.WriteString("path", node.Path);
        Owner(w, "user", node.User.Id, node.User.Name);
    }

    /// <summary>A node's user or group: an id, a name, either or neither.</summary>
    private static void Owner(Utf8JsonWriter w, string property, long? id, string? name)
    {
        w.WritePropertyName(property);
        w.WriteStartObject();
        Long(w, "id", id);
        String(w, "name", name);
        w.WriteEndObject();
    }

    private static void Disk(Utf8JsonWriter w, Disk disk)
    {
        w.WriteStartObject();
        w.WriteString("device", disk.Device);
        List(w, "partitions", disk.Partitions, (w, p) =>
        {
            w.WriteStartObject();
            String(w, "guid", p.Guid);
            String(w, "label", p.Label);
            w.WriteNumber("number", p.Number);
            Bool(w, "resize", p.Resize);
            Bool(w, "shouldExist", p.ShouldExist);
            Long(w, "sizeMiB", p.SizeMiB);
            Long(w, "startMiB", p.StartMiB);
            String(w, "typeGuid", p.TypeGuid);
            Bool(w, "wipePartitionEntry", p.WipePartitionEntry);
            w.WriteEndObject();
        });
        Bool(w, "wipeTable", disk.WipeTable);
        w.WriteEndObject();
    }

    private static void Filesystem(Utf8JsonWriter w, Filesystem fs)
    {
        w.WriteStartObject();
        w.WriteString("device", fs.Device);
        String(w, "format", fs.Format);
        String(w, "label", fs.Label);
        Strings(w, "mountOptions", fs.MountOptions);
        Strings(w, "options", fs.Options);
        String(w, "path", fs.Path);
        String(w, "uuid", fs.Uuid);
        Bool(w, "wipeFilesystem", fs.WipeFilesystem);
        w.WriteEndObject();
    }

    private static void Luks(Utf8JsonWriter w, Luks luks)
    {
        w.WriteStartObject();
        w.WritePropertyName("cex");
        w.WriteStartObject();
        Bool(w, "enabled", luks.Cex.Enabled);
        w.WriteEndObject();
        w.WritePropertyName("clevis");
        w.WriteStartObject();
        w.WritePropertyName("custom");
        w.WriteStartObject();
        String(w, "config", luks.Clevis.Custom.Config);
        Bool(w, "needsNetwork", luks.Clevis.Custom.NeedsNetwork);
        String(w, "pin", luks.Clevis.Custom.Pin);
        w.WriteEndObject();
        List(w, "tang", luks.Clevis.Tang, (w, tang) =>
        {
            w.WriteStartObject();
            String(w, "advertisement", tang.Advertisement);
            String(w, "thumbprint", tang.Thumbprint);
            w.WriteString("url", tang.Url);
            w.WriteEndObject();
        });
        Long(w, "threshold", luks.Clevis.Threshold);
        Bool(w, "tpm2", luks.Clevis.Tpm2);
        w.WriteEndObject();
        String(w, "device", luks.Device);
        Bool(w, "discard", luks.Discard);
        w.WritePropertyName("keyFile");
        Resource(w, luks.KeyFile);
        String(w, "label", luks.Label);
        w.WriteString("name", luks.Name);
        Strings(w, "openOptions", luks.OpenOptions);
        Strings(w, "options", luks.Options);
        String(w, "uuid", luks.Uuid);
        Bool(w, "wipeVolume", luks.WipeVolume);
        w.WriteEndObject();
    }

    private static void PasswdGroup(Utf8JsonWriter w, PasswdGroup group)
    {
        w.WriteStartObject();
        Long(w, "gid", group.Gid);
        w.WriteString("name", group.Name);
        String(w, "passwordHash", group.PasswordHash);
        Bool(w, "shouldExist", group.ShouldExist);
        Bool(w, "system", group.System);
        w.WriteEndObject();
    }

    private static void PasswdUser(Utf8JsonWriter w, PasswdUser user)
    {
        w.WriteStartObject();
        String(w, "gecos", user.Gecos);
        Strings(w, "groups", user.Groups);
        String(w, "homeDir", user.HomeDir);
        w.WriteString("name", user.Name);
        Bool(w, "noCreateHome", user.NoCreateHome);
        Bool(w, "noLogInit", user.NoLogInit);
        Bool(w, "noUserGroup", user.NoUserGroup);
        String(w, "passwordHash", user.PasswordHash);
        String(w, "primaryGroup", user.PrimaryGroup);
        Strings(w, "sshAuthorizedKeys", user.SshAuthorizedKeys);
        String(w, "shell", user.Shell);
        Bool(w, "shouldExist", user.ShouldExist);
        Bool(w, "system", user.System);
        Long(w, "uid", user.Uid);
        w.WriteEndObject();
    }

    private static void Unit(Utf8JsonWriter w, Unit unit)
    {
        w.WriteStartObject();
        String(w, "contents", unit.Contents);
        List(w, "dropins", unit.Dropins, (w, dropin) =>
        {
            w.WriteStartObject();
            String(w, "contents", dropin.Contents);
            w.WriteString("name", dropin.Name);
            w.WriteEndObject();
        });
        Bool(w, "enabled", unit.Enabled);
        Bool(w, "mask", unit.Mask);
        w.WriteString("name", unit.Name);
        w.WriteEndObject();
    }

    private static void List<T>(Utf8JsonWriter w, string name, List<T> items, Action<Utf8JsonWriter, T> write)
    {
        w.WriteStartArray(name);
        foreach (var item in items)
        {
            write(w, item);
        }
        w.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter w, string name, List<string> items) =>
        List(w, name, items, (w, item) => w.WriteStringValue(item));

    private static void String(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void Long(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } number)
        {
            w.WriteNumber(name, number);
        }
    }

    private static void Bool(Utf8JsonWriter w, string name, bool? value)
    {
        if (value is { } flag)
        {
            w.WriteBoolean(name, flag);
        }
    }
}
