using System.Text.Encodings.Web;
using System.Text.Json;
using Provisioner.Engine.Machine;

namespace Provisioner.Engine.Stages.Files;

/// <summary>
/// /etc/.ignition-result.json (0600): the boot that provisioned the machine, when, and whether a user
/// config was given. A result already there means provisioning ran before: it is kept as
/// previousReport and a warning is logged, unless the is-live-image hook says this is a live system.
/// </summary>
public static class ResultFile
{
    public const string Path = "/etc/.ignition-result.json";
    private const string BootIdPath = "/proc/sys/kernel/random/boot_id";
    private const int Mode = 0b110_000_000; // 0600

    public static FilesStep Step(FilesContext ctx) => new($"write the result file {Path}", null, () => Write(ctx));

    private static void Write(FilesContext ctx)
    {
        byte[]? previous = null;
        if (ctx.Fs.Lstat(Path) is { Type: NodeType.File })
        {
            previous = ctx.Fs.ReadFile(Path);
            if (IsLiveImage(ctx))
            {
                previous = null;
            }
            else
            {
                ctx.Log.Warning("Ignition has already run on this system. Unexpected behavior may occur. Ignition is not designed to run more than once per system.");
            }
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("provisioningBootID", System.IO.File.ReadAllText(BootIdPath).Trim());
            json.WriteString("provisioningDate", Rfc3339(DateTimeOffset.Now));
            json.WriteBoolean("userConfigProvided", ctx.State.UserConfigProvided);
            if (previous is not null)
            {
                json.WritePropertyName("previousReport");
                try
                {
                    using var old = JsonDocument.Parse(previous);
                    old.RootElement.WriteTo(json);
                }
                catch (JsonException)
                {
                    throw new StageFailedException($"the previous result file {Path} is not valid JSON");
                }
            }
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        buffer.Position = 0;

        ctx.Relabeler.MarkFirstMissing(ctx.Fs, Path);
        ctx.Fs.Remove(Path, recursive: true);
        ctx.Fs.EnsureParentDirectories(Path);
        ctx.Fs.WriteFile(Path, buffer, Mode, 0, 0);
    }

    /// <summary>Go's RFC 3339 layout: seconds, and "Z" rather than +00:00 for UTC.</summary>
    private static string Rfc3339(DateTimeOffset time) =>
        time.ToString(time.Offset == TimeSpan.Zero ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

    private static bool IsLiveImage(FilesContext ctx)
    {
        try
        {
            return ctx.Runner.Try(ctx.Tools.IsLiveImage, []).Succeeded;
        }
        catch (Tools.ToolFailedException e)
        {
            ctx.Log.Notice($"failed to run is-live-image hook: {e.Message}");
            return false;
        }
    }
}
