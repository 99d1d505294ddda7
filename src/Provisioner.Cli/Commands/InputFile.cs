namespace Provisioner.Cli.Commands;

/// <summary>Reads a config named on the command line: a path, or - for standard input.</summary>
internal static class InputFile
{
    public static byte[] Read(string name, Stream stdin)
    {
        if (name != "-")
        {
            return File.ReadAllBytes(name);
        }
        using var buffer = new MemoryStream();
        stdin.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>
    /// Why a config could not be read, in our words: the native binary carries no framework
    /// exception texts (UseSystemResourceKeys), and ours name the cause plainly anyway.
    /// </summary>
    public static string Describe(Exception e, string name) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file",
        UnauthorizedAccessException when Directory.Exists(name) => "it is a directory",
        UnauthorizedAccessException => "permission denied",
        PathTooLongException => "the path is too long",
        _ => "an I/O error occurred while reading it",
    };
}
