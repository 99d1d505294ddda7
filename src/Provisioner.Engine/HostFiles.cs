using Provisioner.Engine.Machine;

namespace Provisioner.Engine;

/// <summary>
/// Files of the machine running the engine itself (the config cache, the state file, the neednet flag):
/// host paths the operator chose on the command line, not config paths under the target root.
/// </summary>
public static class HostFiles
{
    /// <summary>Writes through a temp file in the same directory and renames it over the target, so a reader never sees half a file.</summary>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> data, UnixFileMode mode, UnixFileMode parentMode)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        CreateDirectories(directory, parentMode);
        var temp = Path.Combine(directory, TempName.Next("." + Path.GetFileName(path) + "."));
        try
        {
            using (var stream = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = mode,
            }))
            {
                stream.Write(data);
                stream.Flush(flushToDisk: true);
            }
            System.IO.File.SetUnixFileMode(temp, mode);
            System.IO.File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            System.IO.File.Delete(temp);
            throw new StageFailedException($"cannot write {path}: {Describe(e)}");
        }
    }

    /// <summary>Creates an empty flag file (and its directories) unless it exists.</summary>
    public static void Touch(string path)
    {
        try
        {
            CreateDirectories(Path.GetDirectoryName(Path.GetFullPath(path))!, (UnixFileMode)0b111_101_101);
            using var _ = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StageFailedException($"cannot create {path}: {Describe(e)}");
        }
    }

    /// <summary>The bytes of a host file, with a clear error naming it.</summary>
    public static byte[] Read(string path, string what)
    {
        try
        {
            return System.IO.File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StageFailedException($"cannot read {what} {path}: {Describe(e)}");
        }
    }

    /// <summary>Why an I/O call failed, in words that survive the AOT build's stripped framework messages.</summary>
    public static string Describe(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file or directory",
        UnauthorizedAccessException => "permission denied",
        PathTooLongException => "the path is too long",
        _ => "input/output error",
    };

    private static void CreateDirectories(string directory, UnixFileMode mode)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            System.IO.Directory.CreateDirectory(directory, mode);
        }
    }
}
