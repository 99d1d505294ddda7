using System.IO.Compression;
using System.Net.Sockets;
using System.Text;
using Provisioner.Engine.Providers;
using Provisioner.Engine.Tests.Emulation;

namespace Provisioner.Engine.Tests.Providers;

/// <summary>
/// The platforms whose config comes through a hypervisor channel or a device: the host side is emulated by
/// a fake tool (vmware-rpctool, VBoxControl, vmur…) that answers as the real one does, or by files.
/// </summary>
public sealed class HypervisorChannelProviderTests : IDisposable
{
    private const string Config = """{"ignition":{"version":"3.4.0"}}""";

    private readonly ProviderTestKit kit = new();

    public void Dispose() => kit.Dispose();

    public static TheoryData<string, string> VmwareEncodings => new()
    {
        { "", Config },
        { "base64", Convert.ToBase64String(Encoding.UTF8.GetBytes(Config)) },
        { "b64", Convert.ToBase64String(Encoding.UTF8.GetBytes(Config)) },
        { "gzip+base64", Convert.ToBase64String(Gzipped(Config)) },
        { "gz+b64", Convert.ToBase64String(Gzipped(Config)) },
    };

    [Theory]
    [MemberData(nameof(VmwareEncodings))]
    public void VmwareDecodesGuestinfoAsItsEncodingSays(string encoding, string data)
    {
        var guestinfo = Guestinfo(("ignition.config.data", data), ("ignition.config.data.encoding", encoding));

        Assert.Equal(Config, Text(new VmwareProvider().Fetch(Vmware(guestinfo))));
    }

    [Fact]
    public void VmwareTakesTheOvfEnvironmentWhenGuestinfoIsUnsetAndGuestinfoWhenSet()
    {
        var ovf = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <Environment xmlns="http://schemas.dmtf.org/ovf/environment/1" xmlns:oe="http://schemas.dmtf.org/ovf/environment/1">
              <PlatformSection><Kind>VMware ESXi</Kind></PlatformSection>
              <PropertySection>
                <Property oe:key="guestinfo.ignition.config.data" oe:value="{Convert.ToBase64String(Encoding.UTF8.GetBytes(Config))}"/>
                <Property oe:key="guestinfo.ignition.config.data.encoding" oe:value="base64"/>
              </PropertySection>
            </Environment>
            """;
        var guestinfo = Guestinfo(("ovfenv", ovf));
        Assert.Equal(Config, Text(new VmwareProvider().Fetch(Vmware(guestinfo))));

        File.WriteAllText(Path.Combine(guestinfo, "ignition.config.data"), """{"direct":true}""");
        File.WriteAllText(Path.Combine(guestinfo, "ignition.config.data.encoding"), "");
        Assert.Equal("""{"direct":true}""", Text(new VmwareProvider().Fetch(Vmware(guestinfo))));
    }

    [Fact]
    public void VmwareWithNothingSetIsNoConfig()
    {
        Assert.Empty(new VmwareProvider().Fetch(Vmware(Guestinfo())));
    }

    [Fact]
    public void VmwareRefusesAnUnknownEncoding()
    {
        var e = Assert.Throws<StageFailedException>(() => new VmwareProvider().Fetch(Vmware(Guestinfo(("ignition.config.data", "x"), ("ignition.config.data.encoding", "rot13")))));
        Assert.Contains("unsupported encoding \"rot13\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VmwareWithoutRpctoolSaysWhichToolItNeeds()
    {
        kit.Tools = kit.Tools with { VmwareRpctool = "/nonexistent/vmware-rpctool" };

        var e = Assert.Throws<StageFailedException>(() => new VmwareProvider().Fetch(kit.Context));
        Assert.Contains("/nonexistent/vmware-rpctool (open-vm-tools), which cannot be run", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VmwareOutsideVmwareFailsClearly()
    {
        kit.Tools = kit.Tools with { VmwareRpctool = kit.Script("vmware-rpctool", "echo 'vmware-rpctool must be run inside a virtual machine.' >&2\nexit 1\n") };

        var e = Assert.Throws<StageFailedException>(() => new VmwareProvider().Fetch(kit.Context));
        Assert.Contains("is this a VMware virtual machine?", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OvfPropertiesAreMatchedByLocalNameAndUnescaped()
    {
        var properties = OvfEnvironment.Properties("""
            <oe:Environment xmlns:oe="http://schemas.dmtf.org/ovf/environment/1"><oe:PropertySection>
            <oe:Property oe:key="a" oe:value="{&quot;x&quot;:&#49;}"/><Property key='b' value="1 &amp; 2"/>
            </oe:PropertySection><Property oe:key="outside" oe:value="no"/></oe:Environment>
            """);

        Assert.Equal("{\"x\":1}", properties["a"]);
        Assert.Equal("1 & 2", properties["b"]);
        Assert.False(properties.ContainsKey("outside"));
    }

    [Fact]
    public void ZvmReceivesTheFirstIgnSpoolFile()
    {
        var spool = kit.Directory();
        File.WriteAllText(Path.Combine(spool, "0042"), Config + "\0\0\0");
        kit.Tools = kit.Tools with
        {
            Modprobe = "true",
            Chccwdev = "true",
            Udevadm = "true",
            Vmur = kit.Script("vmur", $$"""
                case "$1" in
                li) printf 'ORIGINID FILE CLASS  RECORDS  CPY HOLD DATE  TIME     NAME      TYPE      DIST\nMAINT    0041 A PUN 00000001 001 NONE 06/11 15:07:42 README    TXT       MAINT\nMAINT    0042 A PUN 00000003 001 NONE 06/11 15:07:43 CONFIG    ign       MAINT\n' ;;
                re) [ "$2" = "-f" ] && cp "{{spool}}/$3" "$4" ;;
                *) exit 1 ;;
                esac
                """),
        };

        Assert.Equal(Config, Text(new ZvmProvider().Fetch(kit.Context)));
        Assert.Contains(kit.Log.Messages, m => m.Contains("CONFIG.ign", StringComparison.Ordinal) && m.Contains("0042", StringComparison.Ordinal));
    }

    [Fact]
    public void ZvmWithoutAnIgnFileIsNoConfigAndExposesTheReaderWhenItMust()
    {
        var exposed = Path.Combine(kit.Directory(), "exposed");
        kit.Tools = kit.Tools with
        {
            Modprobe = "true",
            Udevadm = "true",
            Chccwdev = kit.Script("chccwdev", $"[ -e {exposed} ]\n"),
            CioIgnore = kit.Script("cio_ignore", $"touch {exposed}\n"),
            Vmur = kit.Script("vmur", "printf 'ORIGINID FILE CLASS  RECORDS  CPY HOLD DATE  TIME     NAME      TYPE      DIST\\n'\n"),
        };

        Assert.Empty(new ZvmProvider().Fetch(kit.Context));
        Assert.True(File.Exists(exposed));
    }

    [Fact]
    public void ZvmWithoutVmurNamesTheTool()
    {
        kit.Tools = kit.Tools with { Modprobe = "true", Chccwdev = "true", Udevadm = "true", Vmur = "/nonexistent/vmur" };

        var e = Assert.Throws<StageFailedException>(() => new ZvmProvider().Fetch(kit.Context));
        Assert.Contains("/nonexistent/vmur", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VirtualBoxReadsTheGuestPropertyAndRefusesAnEncoding()
    {
        var properties = kit.Directory();
        kit.Tools = kit.Tools with
        {
            VBoxControl = kit.Script("VBoxControl", $$"""
                [ "$1 $2 $3" = "--nologo guestproperty get" ] || exit 1
                f="{{properties}}/$(echo "$4" | tr / _)"
                if [ -e "$f" ]; then printf 'Value: %s\n' "$(cat "$f")"; else echo 'No value set!'; exit 2; fi
                """),
        };
        Assert.Empty(new VirtualBoxProvider().Fetch(kit.Context));

        File.WriteAllText(Path.Combine(properties, "_Ignition_Config"), Config);
        Assert.Equal(Config, Text(new VirtualBoxProvider().Fetch(kit.Context)));

        File.WriteAllText(Path.Combine(properties, "_Ignition_Config_Encoding"), "base64");
        var e = Assert.Throws<StageFailedException>(() => new VirtualBoxProvider().Fetch(kit.Context));
        Assert.Contains("unsupported \"/Ignition/Config/Encoding\" value \"base64\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HypervReadsTheSingleOrTheSplitKeysOfPoolZero()
    {
        var pools = kit.Directory();
        kit.Tools = kit.Tools with { Modprobe = "true" };
        var provider = new HypervProvider { Pools = pools };
        File.WriteAllBytes(Path.Combine(pools, ".kvp_pool_0"), Pool(("other", "x"), ("ignition.config", Config)));
        Assert.Equal(Config, Text(provider.Fetch(kit.Context)));

        File.WriteAllBytes(Path.Combine(pools, ".kvp_pool_0"), Pool(("ignition.config.1", Config[10..]), ("ignition.config.0", Config[..10])));
        Assert.Equal(Config, Text(provider.Fetch(kit.Context)));

        File.WriteAllBytes(Path.Combine(pools, ".kvp_pool_0"), Pool(("other", "x")));
        Assert.Empty(provider.Fetch(kit.Context));
    }

    [Fact]
    public void HypervWithoutAPoolSaysWhatItReads()
    {
        kit.Tools = kit.Tools with { Modprobe = "true" };

        var e = Assert.Throws<StageFailedException>(() => new HypervProvider { Pools = kit.Directory() }.Fetch(kit.Context));
        Assert.Contains("hv_kvp_daemon", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AppleHvAsksTheHostForJson()
    {
        using var host = new LoopbackHttpServer();
        host.Serve("/", Reply.Ok(Config));
        var provider = new AppleHvProvider { Connect = () => new TcpClient("127.0.0.1", host.Port).GetStream() };

        Assert.Equal(Config, Text(provider.Fetch(kit.Context)));
        var request = Assert.Single(host.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("application/json", request.Header("Accept"));
    }

    [Fact]
    public void NvidiaBlueFieldReadsTheBootFifoTrimmed()
    {
        kit.Tools = kit.Tools with { Modprobe = "true" };
        var fifo = Path.Combine(kit.Directory(), "bootfifo");
        File.WriteAllText(fifo, Config + "\0\0");
        var missing = Path.Combine(kit.Directory(), "absent");

        Assert.Equal(Config, Text(new NvidiaBlueFieldProvider { BootFifoPaths = [missing, fifo] }.Fetch(kit.Context)));

        File.WriteAllText(fifo, "");
        Assert.Empty(new NvidiaBlueFieldProvider { BootFifoPaths = [fifo] }.Fetch(kit.Context));
    }

    [Fact]
    public void QemuOnS390xAndPpc64leReadsTheVirtioDiskTrimmed()
    {
        kit.Tools = kit.Tools with { Modprobe = "true" };
        var disk = Path.Combine(kit.Directory(), "virtio-ignition");
        File.WriteAllBytes(disk, [.. Encoding.UTF8.GetBytes(Config), .. new byte[512]]);

        Assert.Equal(Config, Text(new QemuProvider { UseBlockDevice = true, BlockDevice = disk }.Fetch(kit.Context)));

        var e = Assert.Throws<StageFailedException>(() => new QemuProvider
        {
            UseBlockDevice = true,
            BlockDevice = disk + ".absent",
            BlockDeviceTimeout = TimeSpan.FromMilliseconds(200),
            BlockDevicePoll = TimeSpan.FromMilliseconds(50),
        }.Fetch(kit.Context));
        Assert.Contains("waiting for block device", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QemuLoadsTheFirmwareConfigDriverOnlyWhenTheKernelDoesNotShowIt()
    {
        var calls = Path.Combine(kit.Directory(), "modprobe.calls");
        kit.Tools = kit.Tools with { Modprobe = kit.Script("modprobe", $"echo \"$@\" >> '{calls}'\n") };
        var blob = Path.Combine(kit.Directory(), "raw");
        File.WriteAllText(blob, Config);
        var shown = kit.Directory();

        Assert.Equal(Config, Text(new QemuProvider(blob) { FirmwareDirectory = shown }.Fetch(kit.Context)));
        Assert.False(File.Exists(calls));

        Assert.Equal(Config, Text(new QemuProvider(blob) { FirmwareDirectory = Path.Combine(shown, "absent") }.Fetch(kit.Context)));
        Assert.Equal("qemu_fw_cfg\n", File.ReadAllText(calls));

        kit.Tools = kit.Tools with { Modprobe = kit.Script("modprobe", "echo 'modprobe: FATAL: Module qemu_fw_cfg not found' >&2; exit 1\n") };
        var e = Assert.Throws<StageFailedException>(() => new QemuProvider(blob) { FirmwareDirectory = Path.Combine(shown, "absent") }.Fetch(kit.Context));
        Assert.Contains("loading the firmware configuration driver (qemu_fw_cfg)", e.Message, StringComparison.Ordinal);
        Assert.Contains("Module qemu_fw_cfg not found", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A directory of guestinfo variables and a fake vmware-rpctool answering from it as the real one does.</summary>
    private string Guestinfo(params (string Name, string Value)[] variables)
    {
        var directory = kit.Directory();
        foreach (var (name, value) in variables)
        {
            File.WriteAllText(Path.Combine(directory, name), value);
        }
        return directory;
    }

    private Provisioner.Engine.Providers.ProviderContext Vmware(string guestinfo)
    {
        kit.Tools = kit.Tools with
        {
            VmwareRpctool = kit.Script("vmware-rpctool", $$"""
                key="${1#info-get guestinfo.}"
                if [ -e "{{guestinfo}}/$key" ]; then cat "{{guestinfo}}/$key"; echo; else echo 'No value found' >&2; exit 1; fi
                """),
        };
        return kit.Context;
    }

    private static byte[] Pool(params (string Key, string Value)[] pairs)
    {
        var pool = new byte[pairs.Length * 2560];
        for (var i = 0; i < pairs.Length; i++)
        {
            Encoding.UTF8.GetBytes(pairs[i].Key).CopyTo(pool, i * 2560);
            Encoding.UTF8.GetBytes(pairs[i].Value).CopyTo(pool, i * 2560 + 512);
        }
        return pool;
    }

    private static byte[] Gzipped(string text)
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }
        return packed.ToArray();
    }

    private static string Text(byte[] data) => Encoding.UTF8.GetString(data);
}
