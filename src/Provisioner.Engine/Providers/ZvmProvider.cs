using Provisioner.Engine.Tools;

namespace Provisioner.Engine.Providers;

/// <summary>
/// IBM z/VM: the config is a spool file of type <c>ign</c> in the virtual reader (device 000c), as Ignition
/// reads it: <c>modprobe vmur</c>, <c>chccwdev -e 000c</c> (after <c>cio_ignore -r 000c</c> if that fails),
/// <c>udevadm settle</c>, <c>vmur li</c>, then <c>vmur re -f SPOOLID FILE</c> for the first file of type ign,
/// NULs trimmed. No such file means no config. Local, so it works offline.
/// </summary>
public sealed class ZvmProvider : IPlatformProvider
{
    public const string ReaderDevice = "000c";

    public string Name => "zvm";

    public byte[] Fetch(ProviderContext context)
    {
        var tools = context.Tools;
        Run(context, tools.Modprobe, ["vmur"], "load the z/VM unit record module");
        if (!Try(context, tools.Chccwdev, ["-e", ReaderDevice]))
        {
            Run(context, tools.CioIgnore, ["-r", ReaderDevice], $"expose reader device {ReaderDevice}");
            Run(context, tools.Chccwdev, ["-e", ReaderDevice], $"bring reader device {ReaderDevice} online");
        }
        Run(context, tools.Udevadm, ["settle"], "settle udev");
        var listing = Run(context, tools.Vmur, ["li"], "list the z/VM reader").Stdout;
        if (FirstConfig(listing) is not { } spool)
        {
            context.Log.Info("no spool file of type ign in the z/VM reader: no config");
            return [];
        }
        var directory = Directory.CreateTempSubdirectory("provisioner-zvm-").FullName;
        try
        {
            var file = Path.Join(directory, spool.File);
            Run(context, tools.Vmur, ["re", "-f", spool.Id, file], $"receive spool file {spool.Id}");
            context.Log.Info($"using config file {spool.File} from the z/VM reader (spool id {spool.Id})");
            return HostFiles.Read(file, "the z/VM reader's config").AsSpan().Trim((byte)0).ToArray();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// The spool id and file name (NAME.TYPE) of the first entry of type ign in <c>vmur li</c>'s listing,
    /// whose columns are ORIGINID FILE CLASS(2) RECORDS CPY HOLD DATE TIME NAME TYPE DIST.
    /// </summary>
    public static (string Id, string File)? FirstConfig(string listing)
    {
        foreach (var line in listing.Split('\n'))
        {
            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length <= 1)
            {
                break;
            }
            if (fields.Length >= 11 && fields[10] == "ign")
            {
                return (fields[1], fields[9] + "." + fields[10]);
            }
        }
        return null;
    }

    private static ToolResult Run(ProviderContext context, string tool, IReadOnlyList<string> args, string why)
    {
        try
        {
            return context.Runner.Run(tool, args);
        }
        catch (ToolFailedException e)
        {
            throw new StageFailedException($"zvm: cannot {why}: {e.Message}");
        }
    }

    private static bool Try(ProviderContext context, string tool, IReadOnlyList<string> args)
    {
        try
        {
            return context.Runner.Try(tool, args).Succeeded;
        }
        catch (ToolFailedException)
        {
            return false;
        }
    }
}
