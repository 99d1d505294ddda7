using System.Globalization;
using Provisioner.Config.Model;
using Directory = Provisioner.Config.Model.Directory;
using File = Provisioner.Config.Model.File;

namespace Provisioner.Config.Json;

/// <summary>
/// Reads a canonical tree (checked against its schema: known names, right types, no nulls) into the
/// model. Plain code rather than System.Text.Json: the serializer's metadata takes ~4 ms to set up in
/// a native binary, a third of a whole `validate` run, and the tree is already checked.
/// </summary>
internal static class ModelReader
{
    public static Configuration Read(SourceNode root)
    {
        var f = new Fields(root);
        return new Configuration
        {
            Ignition = f.Object("ignition", IgnitionSection),
            KernelArguments = f.Object("kernelArguments", n => new KernelArguments
            {
                ShouldExist = new Fields(n).Strings("shouldExist"),
                ShouldNotExist = new Fields(n).Strings("shouldNotExist"),
            }),
            Passwd = f.Object("passwd", n => new Passwd
            {
                Groups = new Fields(n).List("groups", PasswdGroup),
                Users = new Fields(n).List("users", PasswdUser),
            }),
            Storage = f.Object("storage", Storage),
            Systemd = f.Object("systemd", n => new Systemd { Units = new Fields(n).List("units", Unit) }),
        };
    }

    private static IgnitionSection IgnitionSection(SourceNode node)
    {
        var f = new Fields(node);
        return new IgnitionSection
        {
            Config = f.Object("config", n => new IgnitionConfig
            {
                Merge = new Fields(n).List("merge", Resource),
                Replace = new Fields(n).Object("replace", Resource),
            }),
            Proxy = f.Object("proxy", n =>
            {
                var p = new Fields(n);
                return new Proxy { HttpProxy = p.String("httpProxy"), HttpsProxy = p.String("httpsProxy"), NoProxy = p.Strings("noProxy") };
            }),
            Security = f.Object("security", n => new Security
            {
                Tls = new Fields(n).Object("tls", t => new Tls { CertificateAuthorities = new Fields(t).List("certificateAuthorities", Resource) }),
            }),
            Timeouts = f.Object("timeouts", n =>
            {
                var t = new Fields(n);
                return new Timeouts { HttpResponseHeaders = t.Long("httpResponseHeaders"), HttpTotal = t.Long("httpTotal") };
            }),
            Version = f.String("version") ?? "",
        };
    }

    private static Resource Resource(SourceNode node)
    {
        var f = new Fields(node);
        return new Resource
        {
            Compression = f.String("compression"),
            HttpHeaders = f.List("httpHeaders", n =>
            {
                var h = new Fields(n);
                return new HttpHeader { Name = h.String("name") ?? "", Value = h.String("value") };
            }),
            Source = f.String("source"),
            Verification = f.Object("verification", n => new Verification { Hash = new Fields(n).String("hash") }),
        };
    }

    private static Storage Storage(SourceNode node)
    {
        var f = new Fields(node);
        return new Storage
        {
            Directories = f.List("directories", DirectoryEntry),
            Disks = f.List("disks", Disk),
            Files = f.List("files", FileEntry),
            Filesystems = f.List("filesystems", Filesystem),
            Links = f.List("links", LinkEntry),
            Luks = f.List("luks", Luks),
            Raid = f.List("raid", n =>
            {
                var r = new Fields(n);
                return new Raid { Devices = r.Strings("devices"), Level = r.String("level"), Name = r.String("name") ?? "", Options = r.Strings("options"), Spares = r.Long("spares") };
            }),
        };
    }

    /// <summary>One entry of storage.files, from its canonical tree.</summary>
    public static File FileEntry(SourceNode node)
    {
        var file = new Fields(node);
        return Node(node, new File { Append = file.List("append", Resource), Contents = file.Object("contents", Resource), Mode = file.Long("mode") });
    }

    /// <summary>One entry of storage.directories, from its canonical tree.</summary>
    public static Directory DirectoryEntry(SourceNode node) => Node(node, new Directory { Mode = new Fields(node).Long("mode") });

    /// <summary>One entry of storage.links, from its canonical tree.</summary>
    public static Link LinkEntry(SourceNode node)
    {
        var link = new Fields(node);
        return Node(node, new Link { Hard = link.Bool("hard"), Target = link.String("target") });
    }

    private static T Node<T>(SourceNode node, T target)
        where T : Node
    {
        var f = new Fields(node);
        target.Group = f.Object("group", n => new NodeGroup { Id = new Fields(n).Long("id"), Name = new Fields(n).String("name") });
        target.Overwrite = f.Bool("overwrite");
        target.Path = f.String("path") ?? "";
        target.User = f.Object("user", n => new NodeUser { Id = new Fields(n).Long("id"), Name = new Fields(n).String("name") });
        return target;
    }

    private static Disk Disk(SourceNode node)
    {
        var f = new Fields(node);
        return new Disk
        {
            Device = f.String("device") ?? "",
            Partitions = f.List("partitions", n =>
            {
                var p = new Fields(n);
                return new Partition
                {
                    Guid = p.String("guid"),
                    Label = p.String("label"),
                    Number = p.Long("number") ?? 0,
                    Resize = p.Bool("resize"),
                    ShouldExist = p.Bool("shouldExist"),
                    SizeMiB = p.Long("sizeMiB"),
                    StartMiB = p.Long("startMiB"),
                    TypeGuid = p.String("typeGuid"),
                    WipePartitionEntry = p.Bool("wipePartitionEntry"),
                };
            }),
            WipeTable = f.Bool("wipeTable"),
        };
    }

    private static Filesystem Filesystem(SourceNode node)
    {
        var f = new Fields(node);
        return new Filesystem
        {
            Device = f.String("device") ?? "",
            Format = f.String("format"),
            Label = f.String("label"),
            MountOptions = f.Strings("mountOptions"),
            Options = f.Strings("options"),
            Path = f.String("path"),
            Uuid = f.String("uuid"),
            WipeFilesystem = f.Bool("wipeFilesystem"),
        };
    }

    private static Luks Luks(SourceNode node)
    {
        var f = new Fields(node);
        return new Luks
        {
            Cex = f.Object("cex", n => new Cex { Enabled = new Fields(n).Bool("enabled") }),
            Clevis = f.Object("clevis", n =>
            {
                var c = new Fields(n);
                return new Clevis
                {
                    Custom = c.Object("custom", m =>
                    {
                        var custom = new Fields(m);
                        return new ClevisCustom { Config = custom.String("config"), NeedsNetwork = custom.Bool("needsNetwork"), Pin = custom.String("pin") };
                    }),
                    Tang = c.List("tang", m =>
                    {
                        var t = new Fields(m);
                        return new Tang { Advertisement = t.String("advertisement"), Thumbprint = t.String("thumbprint"), Url = t.String("url") ?? "" };
                    }),
                    Threshold = c.Long("threshold"),
                    Tpm2 = c.Bool("tpm2"),
                };
            }),
            Device = f.String("device"),
            Discard = f.Bool("discard"),
            KeyFile = f.Object("keyFile", Resource),
            Label = f.String("label"),
            Name = f.String("name") ?? "",
            OpenOptions = f.Strings("openOptions"),
            Options = f.Strings("options"),
            Uuid = f.String("uuid"),
            WipeVolume = f.Bool("wipeVolume"),
        };
    }

    private static PasswdGroup PasswdGroup(SourceNode node)
    {
        var f = new Fields(node);
        return new PasswdGroup { Gid = f.Long("gid"), Name = f.String("name") ?? "", PasswordHash = f.String("passwordHash"), ShouldExist = f.Bool("shouldExist"), System = f.Bool("system") };
    }

    private static PasswdUser PasswdUser(SourceNode node)
    {
        var f = new Fields(node);
        return new PasswdUser
        {
            Gecos = f.String("gecos"),
            Groups = f.Strings("groups"),
            HomeDir = f.String("homeDir"),
            Name = f.String("name") ?? "",
            NoCreateHome = f.Bool("noCreateHome"),
            NoLogInit = f.Bool("noLogInit"),
            NoUserGroup = f.Bool("noUserGroup"),
            PasswordHash = f.String("passwordHash"),
            PrimaryGroup = f.String("primaryGroup"),
            SshAuthorizedKeys = f.Strings("sshAuthorizedKeys"),
            Shell = f.String("shell"),
            ShouldExist = f.Bool("shouldExist"),
            System = f.Bool("system"),
            Uid = f.Long("uid"),
        };
    }

    private static Unit Unit(SourceNode node)
    {
        var f = new Fields(node);
        return new Unit
        {
            Contents = f.String("contents"),
            Dropins = f.List("dropins", n =>
            {
                var d = new Fields(n);
                return new Dropin { Contents = d.String("contents"), Name = d.String("name") ?? "" };
            }),
            Enabled = f.Bool("enabled"),
            Mask = f.Bool("mask"),
            Name = f.String("name") ?? "",
        };
    }

    /// <summary>Typed access to the members of one canonical object.</summary>
    private readonly struct Fields(SourceNode node)
    {
        public string? String(string name) => Find(name)?.Text;

        public long? Long(string name) =>
            Find(name) is { } n ? long.Parse(n.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : null;

        public bool? Bool(string name) => Find(name) is { } n ? n.Kind == JsonKind.True : null;

        public T Object<T>(string name, Func<SourceNode, T> read)
            where T : new() => Find(name) is { } n ? read(n) : new T();

        public List<T> List<T>(string name, Func<SourceNode, T> read)
        {
            if (Find(name) is not { } n)
            {
                return [];
            }
            var list = new List<T>(n.Items.Count);
            foreach (var item in n.Items)
            {
                list.Add(read(item));
            }
            return list;
        }

        public List<string> Strings(string name) => List(name, item => item.Text);

        private SourceNode? Find(string name)
        {
            foreach (var member in node.Members)
            {
                if (member.Key == name)
                {
                    return member.Value;
                }
            }
            return null;
        }
    }
}
