using System.Text.Json.Nodes;
using Provisioner.Engine.Providers;
using Provisioner.Engine.Resources;
using Provisioner.Engine.Tests.Emulation;

namespace Provisioner.Engine.Tests.Providers;

/// <summary>Equinix Metal's timeline: after each stage Ignition posts how it ended to phone_home_url's /events.</summary>
public sealed class PacketStatusTests : IDisposable
{
    private readonly LoopbackHttpServer server = new();
    private readonly ProviderTestKit kit = new();

    public void Dispose()
    {
        server.Dispose();
        kit.Dispose();
    }

    [Fact]
    public void APassedStageIsPostedAsRunning()
    {
        ServeMetadata();

        Packet().ReportStatus("files", kit.Context, failure: null);

        var metadata = Assert.Single(server.RequestsTo("/metadata"));
        Assert.Equal("*/*", metadata.Header("Accept"));
        var post = Assert.Single(server.RequestsTo("/phone/events"));
        Assert.Equal("POST", post.Method);
        Assert.Equal("application/json", post.Header("Content-Type"));
        var body = JsonNode.Parse(post.Body)!;
        Assert.Equal("running", (string?)body["state"]);
        Assert.Equal("[files] Ignition status: finished successfully", (string?)body["message"]);
    }

    [Fact]
    public void AFailedStageIsPostedWithItsError()
    {
        ServeMetadata();

        Packet().ReportStatus("disks", kit.Context, "device /dev/sdz did not appear");

        var body = JsonNode.Parse(Assert.Single(server.RequestsTo("/phone/events")).Body)!;
        Assert.Equal("failed", (string?)body["state"]);
        Assert.Equal("[disks] Ignition error: device /dev/sdz did not appear", (string?)body["message"]);
    }

    [Fact]
    public void OfflineTheReportNeedsTheNetwork()
    {
        using var offline = new ProviderTestKit(offline: true);

        Assert.Throws<NeedNetworkException>(() => Packet().ReportStatus("fetch-offline", offline.Context, null));
        Assert.Empty(server.Requests);
    }

    private void ServeMetadata()
    {
        server.Handle("/metadata", (request, _) => request.Header("Accept") == "*/*"
            ? Reply.Ok($$"""{"hostname":"m1","phone_home_url":"{{server.Url("/phone/phone-home")}}"}""")
            : Reply.WithStatus(406));
        server.Serve("/phone/events", Reply.Ok(""));
    }

    private PacketProvider Packet() => new() { BaseUrl = new Uri(server.Url("/")) };
}
