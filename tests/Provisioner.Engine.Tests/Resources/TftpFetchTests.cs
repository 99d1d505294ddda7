using System.Text;
using Provisioner.Engine.Resources;
using Provisioner.Engine.Tests.Emulation;
using Provisioner.Engine.Tests.Logging;
using Provisioner.Engine.Tests.Stages;

namespace Provisioner.Engine.Tests.Resources;

/// <summary>The tftp scheme against a TFTP server in the test: blocks, lost packets, a missing file, silence.</summary>
public sealed class TftpFetchTests : IDisposable
{
    private readonly LoopbackTftpServer server = new();
    private readonly ListLogSink log = new();

    public void Dispose() => server.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(1024)]
    [InlineData(1300)]
    public void AFileOfAnySizeArrivesWholeAndTheRequestIsOctetForTheUrlsPath(int size)
    {
        var data = Enumerable.Range(0, size).Select(i => (byte)(i * 7)).ToArray();
        server.Files["/configs/node.ign"] = data;
        using var fetcher = Fast.Fetcher(log);

        Assert.Equal(data, fetcher.Fetch(Fast.Resource(server.Url("/configs/node.ign")), "test"));
        // Only the one request, or its resends if the machine was too busy to hear the first answer in time.
        Assert.All(server.Requested, r => Assert.Equal("/configs/node.ign octet", r));
    }

    [Fact]
    public void ALostBlockIsAskedForAgain()
    {
        var data = Encoding.ASCII.GetBytes(new string('x', 1500));
        server.Files["/big"] = data;
        server.DropOnce.Add(2);
        using var fetcher = Fast.Fetcher(log, tftpTimeoutMs: 300);

        Assert.Equal(data, fetcher.Fetch(Fast.Resource(server.Url("/big")), "test"));
        Assert.Contains(log.Messages, m => m.Contains("no answer for block 2 (try 1); sending again", StringComparison.Ordinal));
    }

    [Fact]
    public void TheHashAndGzipApplyAsToAnyScheme()
    {
        server.Files["/motd.gz"] = Ign.Gzip("over tftp\n");
        using var fetcher = Fast.Fetcher(log);

        var data = fetcher.Fetch(Fast.Resource(server.Url("/motd.gz"), Ign.Sha512("over tftp\n"), "gzip"), "test");

        Assert.Equal("over tftp\n", Encoding.UTF8.GetString(data));
    }

    [Fact]
    public void AMissingFileIsNotFound()
    {
        using var fetcher = Fast.Fetcher(log);

        var e = Assert.Throws<ResourceNotFoundException>(() => fetcher.Fetch(Fast.Resource(server.Url("/nothing")), "test"));

        Assert.Equal($"test: {server.Url("/nothing")}: resource not found (TFTP error 1: File not found)", e.Message);
    }

    [Fact]
    public void ASilentServerFailsAfterBoundedRetries()
    {
        server.Silent = true;
        using var fetcher = Fast.Fetcher(log, tftpTimeoutMs: 100);

        var e = Assert.Throws<StageFailedException>(() => fetcher.Fetch(Fast.Resource(server.Url("/x")), "test"));

        Assert.StartsWith($"test: {server.Url("/x")}: no answer after 6 tries", e.Message, StringComparison.Ordinal);
        // Bounded: never more than the six requests (the server may not have read the last by now on a busy machine).
        Assert.InRange(server.Requested.Count, 1, 6);
    }

    [Fact]
    public void OfflineTftpNeedsTheNetwork()
    {
        using var fetcher = Fast.Fetcher(log, offline: true);

        Assert.Throws<NeedNetworkException>(() => fetcher.Fetch(Fast.Resource(server.Url("/x")), "test"));
        Assert.Empty(server.Requested);
    }
}
