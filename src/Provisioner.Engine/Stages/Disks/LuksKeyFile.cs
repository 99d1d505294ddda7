namespace Provisioner.Engine.Stages.Disks;

/// <summary>
/// A LUKS key in a private temporary file (0600 from its creation, never wider) for the one command
/// that reads it; removed on dispose. Keys reach cryptsetup and clevis through files, never argv.
/// </summary>
internal sealed class LuksKeyFile : IDisposable
{
    private LuksKeyFile(string path) => Path = path;

    public string Path { get; }

    public static LuksKeyFile Write(byte[] key)
    {
        var name = "provisioner-luks-" + System.Security.Cryptography.RandomNumberGenerator.GetHexString(16, lowercase: true);
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), name);
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        try
        {
            using var file = new FileStream(path, options);
            file.Write(key);
        }
        catch
        {
            System.IO.File.Delete(path);
            throw;
        }
        return new LuksKeyFile(path);
    }

    public void Dispose()
    {
        try
        {
            System.IO.File.Delete(Path);
        }
        catch (IOException)
        {
            // Nothing to do at this point; the file is in a private 0600 temp file on the initramfs' tmpfs.
        }
    }
}
