using Provisioner.Engine.Resources.Http;

namespace Provisioner.Engine.Providers;

/// <summary>
/// A platform whose config is the body of one GET on its metadata service: the URL, the headers the service
/// insists on, the statuses it answers while not ready, whether its "no user data" is a 404, and how the body
/// is encoded are what tell the platforms apart.
/// </summary>
public abstract class UserDataServiceProvider : IPlatformProvider
{
    public abstract string Name { get; }

    /// <summary>The platform's user data URL.</summary>
    public abstract Uri UserDataUrl { get; }

    /// <summary>Test only: the emulator's http://127.0.0.1:PORT/, which replaces the scheme, host and port of every URL.</summary>
    internal Uri? BaseUrl { get; init; }

    /// <summary>True where the platform answers 404 when no user data is set (most); false where a 404 fails the boot.</summary>
    protected virtual bool NotFoundIsEmpty => true;

    protected virtual IReadOnlyList<KeyValuePair<string, string>> Headers => [];

    protected virtual IReadOnlyList<int> RetryCodes => [];

    protected string What => $"the {Name} user data";

    public virtual byte[] Fetch(ProviderContext context)
    {
        var request = new HttpFetchRequest(MetadataService.Rebase(UserDataUrl, BaseUrl)) { Headers = Headers, RetryCodes = RetryCodes };
        return Decode(MetadataService.Read(context, request, What, NotFoundIsEmpty), context);
    }

    /// <summary>The config in the body as served; most platforms serve it as it was given.</summary>
    protected virtual byte[] Decode(byte[] body, ProviderContext context) => body;
}
