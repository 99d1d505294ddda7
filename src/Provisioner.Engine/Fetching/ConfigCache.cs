using System.Text.Json;
using Provisioner.Config;
using Provisioner.Config.Model;

namespace Provisioner.Engine.Fetching;

/// <summary>The rendered config the fetch stages left for the later ones.</summary>
public static class ConfigCache
{
    public static Configuration Read(string path)
    {
        var data = HostFiles.Read(path, "the config cache (written by the fetch stages; did they run?)");
        try
        {
            return ConfigSerializer.Deserialize(data);
        }
        catch (JsonException e)
        {
            throw new StageFailedException($"the config cache {path} cannot be read: {e.Message}");
        }
    }
}
