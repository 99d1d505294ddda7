namespace Provisioner.Engine.Resources;

/// <summary>
/// The server says the resource does not exist (HTTP 404, Ignition's <c>ErrNotFound</c>). Files and
/// referenced configs fail with it like any fetch error; a platform whose "no user data" answer is a 404
/// catches it and goes on with an empty config, as Ignition's providers do.
/// </summary>
public sealed class ResourceNotFoundException(string message, string url) : StageFailedException(message)
{
    public string Url { get; } = url;
}
