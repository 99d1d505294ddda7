namespace Provisioner.Engine.Resources.Http;

/// <summary>
/// A final answer that is neither success nor 404 (Ignition's <c>ErrFailed</c>): fatal to the fetch. Its
/// status lets a metadata client react to the few it knows (AWS: 401 on a stale session token).
/// </summary>
public sealed class HttpStatusException(string message, int status) : StageFailedException(message)
{
    public int Status { get; } = status;
}
