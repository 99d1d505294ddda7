using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Provisioner.Engine.Resources.Http;

namespace Provisioner.Engine.Providers;

/// <summary>
/// Equinix Metal (formerly Packet): GET https://metadata.packet.net/userdata with <c>Accept: */*</c>, because
/// the service answers Ignition's default Accept with 406; served as given; a 404 fails the boot. After each
/// stage, as Ignition does, it posts to the instance's timeline: <c>phone_home_url</c> from
/// https://metadata.packet.net/metadata, without its <c>/phone-home</c>, plus <c>/events</c>, gets
/// <c>{"state":"running"|"failed","message":"[STAGE] Ignition status: finished successfully"|"[STAGE] Ignition error: …"}</c>.
/// </summary>
public sealed class PacketProvider : UserDataServiceProvider, IStatusReporter
{
    public override string Name => "packet";

    public override Uri UserDataUrl { get; } = new("https://metadata.packet.net/userdata");

    public static Uri MetadataUrl { get; } = new("https://metadata.packet.net/metadata");

    /// <summary>How long the timeline post may take; Ignition's plain client has no limit, a boot should not hang on it.</summary>
    internal TimeSpan PostTimeout { get; init; } = TimeSpan.FromSeconds(30);

    protected override bool NotFoundIsEmpty => false;

    protected override IReadOnlyList<KeyValuePair<string, string>> Headers { get; } = [new("Accept", "*/*")];

    public void ReportStatus(string stage, ProviderContext context, string? failure)
    {
        context.Log.Info("POST message to Packet Timeline");
        var request = new HttpFetchRequest(MetadataService.Rebase(MetadataUrl, BaseUrl)) { Headers = Headers };
        var metadata = MetadataService.Read(context, request, "the packet metadata", notFoundIsEmpty: false);
        if (metadata.Length == 0)
        {
            throw new StageFailedException("the packet metadata: fetch successful but fetched data empty");
        }
        string phoneHome;
        try
        {
            using var document = JsonDocument.Parse(metadata);
            phoneHome = document.RootElement.TryGetProperty("phone_home_url", out var url) && url.ValueKind == JsonValueKind.String ? url.GetString()! : "";
        }
        catch (JsonException e)
        {
            throw new StageFailedException($"the packet metadata is not JSON: {e.Message}");
        }
        var events = (phoneHome.EndsWith("/phone-home", StringComparison.Ordinal) ? phoneHome[..^"/phone-home".Length] : phoneHome) + "/events";
        Post(events, Message(stage, failure));
    }

    /// <summary>The timeline event for a stage, as Ignition words it.</summary>
    public static byte[] Message(string stage, string? failure)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("state", failure is null ? "running" : "failed");
            json.WriteString("message", failure is null ? $"[{stage}] Ignition status: finished successfully" : $"[{stage}] Ignition error: {failure}");
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private void Post(string url, byte[] body)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var target))
        {
            throw new StageFailedException($"the packet phone-home events URL \"{url}\" is not valid");
        }
        using var handler = new SocketsHttpHandler { UseProxy = false, UseCookies = false };
        using var client = new HttpClient(handler) { Timeout = PostTimeout };
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        try
        {
            using var response = client.PostAsync(target, content).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            throw new StageFailedException($"POST {url}: {e.Message}");
        }
    }
}
