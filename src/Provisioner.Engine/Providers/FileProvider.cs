namespace Provisioner.Engine.Providers;

/// <summary>The <c>file</c> platform: the config is the file named by IGNITION_CONFIG_FILE, else ./config.ign.</summary>
public sealed class FileProvider : IPlatformProvider
{
    public const string ConfigFileVariable = "IGNITION_CONFIG_FILE";

    public string Name => "file";

    public byte[] Fetch(ProviderContext context)
    {
        var path = context.Environment(ConfigFileVariable);
        if (string.IsNullOrEmpty(path))
        {
            path = "config.ign";
        }
        return HostFiles.Read(path, "the config file");
    }
}
