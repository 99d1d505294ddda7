using System.Text.Json;
using Provisioner.Config;
using Provisioner.Config.Model;

namespace Provisioner.Engine.Fetching;

/// <summary>The rendered config the fetch stages left for the later ones.</summary>
public static class ConfigCache
{
    public static Configuration Read(string path)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StageFailedException($"cannot read the config cache (written by the fetch stages; did they run?) {path}: {HostFiles.Describe(e)}");
        }
        // Streamed: a cache of thousands of files is never held twice (as bytes and as the model).
        using (stream)
        {
            try
            {
                return ConfigSerializer.Deserialize(stream);
            }
            catch (JsonException e)
            {
                throw new StageFailedException($"the config cache {path} cannot be read: {e.Message}");
            }
            catch (IOException e)
            {
                throw new StageFailedException($"cannot read the config cache {path}: {HostFiles.Describe(e)}");
            }
        }
    }
}
