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
}
