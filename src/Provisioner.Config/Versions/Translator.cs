using Provisioner.Config.Model;

namespace Provisioner.Config.Versions;

/// <summary>
/// Lifts a config of any accepted version to the newest. The model is already the superset, so the
/// only real changes are the ones the spec made: before 3.6.0 special mode bits had no effect.
/// </summary>
public static class Translator
{
    private const long SpecialModeBits = 0b111_000_000_000; // 07000: setuid, setgid, sticky

    public static Configuration ToNewest(Configuration config, SpecVersion from)
    {
        if (from < SpecVersion.V3_6)
        {
            foreach (var file in config.Storage.Files)
            {
                file.Mode &= ~SpecialModeBits;
            }
            foreach (var directory in config.Storage.Directories)
            {
                directory.Mode &= ~SpecialModeBits;
            }
        }
        config.Ignition.Version = (from.IsExperimental ? SpecVersion.V3_7Experimental : SpecVersion.NewestStable).ToString();
        return config;
    }
}
