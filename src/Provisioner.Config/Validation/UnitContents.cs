using System.Buffers;
using System.Globalization;
using System.Text;

namespace Provisioner.Config.Validation;

/// <summary>
/// What Ignition learns from a unit's contents: go-systemd's unit deserializer, step for step, over
/// Go's 4096-byte <c>bufio.Reader</c>. The buffer matters: the "line too long" check only looks at
/// the next 2048 bytes when at least that many are buffered between two lexer steps. As the reader
/// is in memory, the buffer is modelled as a window [r, w) over the contents.
/// </summary>
internal readonly struct UnitContents
{
    private const int LineMax = 2048;
    private const int BufferSize = 4096;

    private UnitContents(string? error, bool hasInstallOption)
    {
        Error = error;
        HasInstallOption = hasInstallOption;
    }

    /// <summary>The full "invalid unit content: ..." message, or null when the contents parse.</summary>
    public string? Error { get; }

    /// <summary>True when some option sits in a section named exactly "Install".</summary>
    public bool HasInstallOption { get; }

    /// <summary>Parses unit contents; a null contents parses to no options.</summary>
    public static UnitContents Parse(string? contents)
    {
        if (contents is null)
        {
            return new UnitContents(null, false);
        }
        var length = Encoding.UTF8.GetByteCount(contents);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Encoding.UTF8.GetBytes(contents, rented);
            var lexer = new Lexer(rented.AsSpan(0, length));
            var error = lexer.Run();
            return error is null
                ? new UnitContents(null, lexer.HasInstallOption)
                : new UnitContents(string.Format(CultureInfo.InvariantCulture, Messages.InvalidUnitContent, error), false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private enum State
    {
        NextSection,
        SectionName,
        SectionSuffix,
        IgnoreLine,
        NextSectionOrOption,
        OptionName,
        OptionValue,
        Done,
    }

    private ref struct Lexer
    {
        private readonly ReadOnlySpan<byte> src;

        // bufio.Reader: [r, w) is buffered; eofPending is its sticky io.EOF.
        private int r;
        private int w;
        private bool eofPending;
        private int lastRuneSize;

        private State afterIgnore;
        private int sectionStart;
        private int sectionLength;
        private bool sectionIsInstall;
        private string? error;

        public Lexer(ReadOnlySpan<byte> contents)
        {
            src = contents;
            lastRuneSize = -1;
        }

        public bool HasInstallOption { get; private set; }

        public string? Run()
        {
            var state = State.NextSection;
            while (state != State.Done)
            {
                if (w - r >= LineMax && src.Slice(r, LineMax).IndexOfAny((byte)'\r', (byte)'\n') < 0)
                {
                    return Messages.UnitLineTooLong;
                }
                state = Step(state);
                if (error is not null)
                {
                    return error;
                }
            }
            return null;
        }

        private State Fail(string message)
        {
            error = message;
            return State.Done;
        }

        private State Step(State state)
        {
            switch (state)
            {
                case State.NextSection:
                {
                    var rune = ReadRune();
                    return rune switch
                    {
                        < 0 => State.Done,
                        '[' => State.SectionName,
                        '#' or ';' => IgnoreLineThen(State.NextSection),
                        _ => State.NextSection,
                    };
                }
                case State.SectionName:
                {
                    var start = r;
                    var end = ReadBytes((byte)']', out var eof);
                    if (eof)
                    {
                        return Fail(Messages.UnitNoSectionEnd);
                    }
                    sectionStart = start;
                    sectionLength = end - start - 1;
                    return State.SectionSuffix;
                }
                case State.SectionSuffix:
                {
                    var line = ToEol();
                    if (!IsAllSpace(line))
                    {
                        // go-systemd prints its lexer's section field, which it never sets.
                        var garbage = Encoding.UTF8.GetString(line).Trim(GoSpace);
                        return Fail(string.Format(CultureInfo.InvariantCulture, Messages.UnitGarbageAfterSection, GoText.Quote(garbage)));
                    }
                    sectionIsInstall = src.Slice(sectionStart, sectionLength).SequenceEqual("Install"u8);
                    return State.NextSectionOrOption;
                }
                case State.IgnoreLine:
                {
                    while (true)
                    {
                        var line = ToEol();
                        if (line.Length > 0 && line[^1] == ' ')
                        {
                            line = line[..^1];
                        }
                        if (line.Length == 0 || line[^1] != '\\')
                        {
                            break;
                        }
                    }
                    return afterIgnore;
                }
                case State.NextSectionOrOption:
                {
                    var rune = ReadRune();
                    if (rune < 0)
                    {
                        return State.Done;
                    }
                    if (Rune.IsWhiteSpace(new Rune(rune)))
                    {
                        return State.NextSectionOrOption;
                    }
                    if (rune == '[')
                    {
                        return State.SectionName;
                    }
                    if (rune is '#' or ';')
                    {
                        return IgnoreLineThen(State.NextSectionOrOption);
                    }
                    UnreadRune();
                    return State.OptionName;
                }
                case State.OptionName:
                {
                    while (true)
                    {
                        var rune = ReadRune();
                        if (rune < 0)
                        {
                            return Fail(Messages.UnitEof);
                        }
                        if (rune is '\n' or '\r')
                        {
                            return Fail(Messages.UnitNewlineInOptionName);
                        }
                        if (rune == '=')
                        {
                            return State.OptionValue;
                        }
                    }
                }
                case State.OptionValue:
                {
                    var line = ToEol();
                    if (!IsAllSpace(line) && line[^1] == '\\')
                    {
                        return State.OptionValue;
                    }
                    HasInstallOption |= sectionIsInstall;
                    return State.NextSectionOrOption;
                }
                default:
                    return State.Done;
            }
        }

        private State IgnoreLineThen(State next)
        {
            afterIgnore = next;
            return State.IgnoreLine;
        }

        /// <summary>bufio's fill: slide the window start to r and read up to a full buffer.</summary>
        private void Fill()
        {
            if (w == src.Length)
            {
                eofPending = true;
                return;
            }
            w = Math.Min(r + BufferSize, src.Length);
        }

        private int ReadRune()
        {
            while (r + 4 > w && !FullRune(src[r..w]) && !eofPending && w - r < BufferSize)
            {
                Fill();
            }
            lastRuneSize = -1;
            if (r == w)
            {
                eofPending = false;
                return -1;
            }
            int rune = src[r], size = 1;
            if (rune >= 0x80)
            {
                var status = Rune.DecodeFromUtf8(src[r..w], out var decoded, out var consumed);
                (rune, size) = status == OperationStatus.Done ? (decoded.Value, consumed) : (0xFFFD, 1);
            }
            r += size;
            lastRuneSize = size;
            return rune;
        }

        private void UnreadRune()
        {
            if (lastRuneSize >= 0)
            {
                r -= lastRuneSize;
                lastRuneSize = -1;
            }
        }

        /// <summary><c>ReadBytes(delim)</c>: returns the end offset; <paramref name="eof"/> when the delimiter never came.</summary>
        private int ReadBytes(byte delim, out bool eof)
        {
            eof = false;
            var s = 0;
            while (true)
            {
                var i = src[(r + s)..w].IndexOf(delim);
                if (i >= 0)
                {
                    r += s + i + 1;
                    break;
                }
                if (eofPending)
                {
                    r = w;
                    eofPending = false;
                    eof = true;
                    break;
                }
                if (w - r >= BufferSize)
                {
                    // ErrBufferFull: bufio hands back the full buffer and carries on.
                    r = w;
                    s = 0;
                    continue;
                }
                s = w - r;
                Fill();
            }
            lastRuneSize = -1;
            return r;
        }

        /// <summary>go-systemd's <c>toEOL</c>: a line without its "\n", or "\r" when that ends the input.</summary>
        private ReadOnlySpan<byte> ToEol()
        {
            var start = r;
            var end = ReadBytes((byte)'\n', out _);
            var line = src[start..end];
            if (line.Length > 0 && line[^1] == '\r')
            {
                line = line[..^1];
            }
            if (line.Length > 0 && line[^1] == '\n')
            {
                line = line[..^1];
            }
            return line;
        }

        private static bool FullRune(ReadOnlySpan<byte> p) =>
            p.Length > 0 && Rune.DecodeFromUtf8(p, out _, out _) != OperationStatus.NeedMoreData;

        /// <summary>Whether <c>bytes.TrimSpace</c> leaves nothing.</summary>
        private static bool IsAllSpace(ReadOnlySpan<byte> line)
        {
            while (line.Length > 0)
            {
                if (Rune.DecodeFromUtf8(line, out var rune, out var consumed) != OperationStatus.Done || !Rune.IsWhiteSpace(rune))
                {
                    return false;
                }
                line = line[consumed..];
            }
            return true;
        }
    }

    /// <summary>The characters Go's <c>unicode.IsSpace</c> accepts.</summary>
    private static readonly char[] GoSpace =
        ['\t', '\n', '\v', '\f', '\r', ' ', '\u0085', '\u00a0', '\u1680', '\u2000', '\u2001', '\u2002', '\u2003', '\u2004',
         '\u2005', '\u2006', '\u2007', '\u2008', '\u2009', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000'];
}
