namespace Provisioner.Engine.Resources.Http;

/// <summary>
/// A response body as it arrives. It owns the response and the fetch's deadline (<c>httpTotal</c> covers
/// the body, as in Ignition); a body cut short or too slow becomes one line naming the URL.
/// </summary>
public sealed class HttpBodyStream : ForwardOnlyStream
{
    private readonly HttpResponseMessage response;
    private readonly Stream body;
    private readonly CancellationTokenSource deadline;
    private readonly CancellationTokenRegistration abort;
    private readonly string failurePrefix;
    private readonly string timeoutText;

    public HttpBodyStream(HttpResponseMessage response, CancellationTokenSource deadline, string failurePrefix, string timeoutText)
    {
        this.response = response;
        this.deadline = deadline;
        this.failurePrefix = failurePrefix;
        this.timeoutText = timeoutText;
        body = response.Content.ReadAsStream();
        // A blocking read cannot take a token: at the deadline the connection is closed under it.
        abort = deadline.Token.Register(response.Dispose);
    }

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return body.Read(buffer);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or ObjectDisposedException or OperationCanceledException)
        {
            throw new StageFailedException(deadline.IsCancellationRequested
                ? $"{failurePrefix}: {timeoutText}"
                : $"{failurePrefix}: reading the body failed: {FailureText.Of(e)}");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            abort.Dispose();
            body.Dispose();
            response.Dispose();
            deadline.Dispose();
        }
        base.Dispose(disposing);
    }
}
