using System.Text.Json;
using Provisioner.Config;
using Provisioner.Config.Model;

namespace Provisioner.Engine.Fetching;

/// <summary>The rendered config the fetch stages left for the later ones.</summary>
public static class ConfigCache
{
    public static Configuration Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = System.IO.File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StageFailedException($"cannot read the config cache (written by the fetch stages; did they run?) {path}: {HostFiles.Describe(e)}");
        }
        try
        {
            return ConfigSerializer.Deserialize(bytes);
        }
        catch (JsonException e)
        {
            throw new StageFailedException($"the config cache {path} cannot be read: {e.Message}");
        }
    }
}
