namespace Provisioner.Engine;

/// <summary>Ignition's stages, in the fixed order a first boot runs them.</summary>
public enum Stage
{
    FetchOffline,
    Fetch,
    Kargs,
    Disks,
    Mount,
    Files,
    Umount,
}
