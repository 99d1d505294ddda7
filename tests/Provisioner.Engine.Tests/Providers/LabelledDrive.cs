using Provisioner.Engine.Tests.Machine;

namespace Provisioner.Engine.Tests.Providers;

/// <summary>
/// A config drive as a platform attaches it: a filesystem with a label and files, on a read-only loop
/// device, linked as LABEL from a by-label directory of the test's own; the provider mounts it with the real
/// <c>mount -t auto</c>. Real drives are iso9660 or vfat, but this host kernel has neither (see
/// /proc/filesystems), so the image is ext4 (<c>mkfs.ext4 -d</c>): what is tested (the wait, the read-only
/// auto mount, the read, the unmount) does not depend on the type. Needs root. The loop device is detached on dispose.
/// </summary>
internal sealed class LabelledDrive : IDisposable
{
    private readonly string work;

    public LabelledDrive(string labelDirectory, string label, IReadOnlyDictionary<string, string> files)
    {
        work = Directory.CreateTempSubdirectory("provisioner-drive-").FullName;
        try
        {
            var tree = Path.Combine(work, "tree");
            Directory.CreateDirectory(tree);
            foreach (var (path, contents) in files)
            {
                var full = Path.Combine(tree, path.TrimStart('/'));
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, contents);
            }
            var image = Path.Combine(work, "drive.img");
            using (var file = File.Create(image))
            {
                file.SetLength(4 << 20);
            }
            Sandbox.Run("mkfs.ext4", "-q", "-F", "-L", label, "-d", tree, image);
            Device = Sandbox.Run("losetup", "--find", "--show", "--read-only", image).Trim();
            Directory.CreateDirectory(labelDirectory);
            File.CreateSymbolicLink(Path.Combine(labelDirectory, label), Device);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string? Device { get; }

    public void Dispose()
    {
        if (Device is not null)
        {
            Sandbox.Run("losetup", "-d", Device);
        }
        Directory.Delete(work, recursive: true);
    }

    /// <summary>True when nothing is mounted from a config-drive temp directory (no mount left behind).</summary>
    public static bool NoConfigDriveMounted() =>
        !File.ReadAllText("/proc/self/mountinfo").Contains("provisioner-configdrive-", StringComparison.Ordinal);
}
