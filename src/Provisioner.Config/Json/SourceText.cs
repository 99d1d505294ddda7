namespace Provisioner.Config.Json;

/// <summary>Turns byte offsets into 1-based line and byte-column numbers, as Ignition counts them.</summary>
internal sealed class SourceText
{
    private readonly List<int> lineStarts = [0];

    public SourceText(ReadOnlySpan<byte> bytes)
    {
        Length = bytes.Length;
        var offset = 0;
        while (true)
        {
            var next = bytes[offset..].IndexOf((byte)'\n');
            if (next < 0)
            {
                break;
            }
            offset += next + 1;
            lineStarts.Add(offset);
        }
    }

    public int Length { get; }

    public (int Line, int Column) Position(int offset)
    {
        var index = lineStarts.BinarySearch(offset);
        if (index < 0)
        {
            index = ~index - 1;
        }
        return (index + 1, offset - lineStarts[index] + 1);
    }

    /// <summary>The byte offset of a 0-based line and byte position, as System.Text.Json reports them.</summary>
    public int Offset(long line, long bytePositionInLine)
    {
        var start = line < lineStarts.Count ? lineStarts[(int)line] : Length;
        return (int)Math.Min(Length, start + bytePositionInLine);
    }
}
