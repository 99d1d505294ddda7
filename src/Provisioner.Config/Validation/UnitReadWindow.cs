namespace Provisioner.Config.Validation;

/// <summary>
/// Models how much of a unit file Ignition's reader holds in memory at each step. The reader keeps a
/// window of at most 4096 bytes; its "line too long" test only looks inside that window, so whether a
/// long line is caught depends on where the window happens to start.
/// </summary>
internal sealed class UnitReadWindow(byte[] data)
{
    private const int WindowSize = 4096;
    private const int LineLimit = 2048;

    // Nothing is held before the first read.
    private int windowStart;
    private int windowEnd;

    public byte[] Data { get; } = data;

    /// <summary>The next byte to be read.</summary>
    public int Position { get; set; }

    public bool AtEnd => Position >= Data.Length;

    /// <summary>
    /// True when at least <see cref="LineLimit"/> bytes from <paramref name="at"/> are held and none of them
    /// is a CR or LF: the reader then knows the line is too long. Bytes not yet held are not considered.
    /// </summary>
    public bool LineTooLongAt(int at)
    {
        if (windowEnd - at < LineLimit)
        {
            return false;
        }
        return Data.AsSpan(at, LineLimit).IndexOfAny((byte)'\r', (byte)'\n') < 0;
    }

    public bool LineTooLongHere() => LineTooLongAt(Position);

    /// <summary>
    /// Reads one UTF-8 character (its first byte is enough for our decisions) and advances past it; -1 at
    /// the end. When the held bytes stop short of the whole character, the window restarts at it.
    /// </summary>
    public int ReadCharacter()
    {
        if (AtEnd)
        {
            return -1;
        }
        var length = SequenceLength(Data[Position]);
        if (Position + length > windowEnd)
        {
            Restart(Position);
        }
        var first = Position;
        Position = Math.Min(Position + length, Data.Length);
        return Decode(first, Position - first);
    }

    /// <summary>
    /// Finds <paramref name="delimiter"/> at or after <paramref name="from"/>. A search that runs past the
    /// held bytes restarts the window at <paramref name="windowStart"/> and then moves it on a whole window
    /// at a time. Returns the index, or -1 when the data ends first.
    /// </summary>
    public int Find(byte delimiter, int from, int windowStart)
    {
        var found = SearchHeld(delimiter, from);
        if (found >= 0)
        {
            return found;
        }
        Restart(windowStart);
        while (true)
        {
            found = SearchHeld(delimiter, from);
            if (found >= 0 || windowEnd >= Data.Length)
            {
                return found;
            }
            Restart(windowEnd);
        }
    }

    private int SearchHeld(byte delimiter, int from)
    {
        var start = Math.Max(from, windowStart);
        if (start >= windowEnd)
        {
            return -1;
        }
        var index = Data.AsSpan(start, windowEnd - start).IndexOf(delimiter);
        return index < 0 ? -1 : start + index;
    }

    private void Restart(int start)
    {
        windowStart = start;
        windowEnd = Math.Min(start + WindowSize, Data.Length);
    }

    private static int SequenceLength(byte lead) => lead switch
    {
        >= 0xF0 => 4,
        >= 0xE0 => 3,
        >= 0xC0 => 2,
        _ => 1,
    };

    private int Decode(int start, int length)
    {
        var text = System.Text.Encoding.UTF8.GetString(Data, start, length);
        return char.ConvertToUtf32(text, 0) is var rune ? rune : -1;
    }
}
