using System.Text;
using Provisioner.Engine.Logging;

namespace Provisioner.Engine.Providers;

/// <summary>
/// Recognises user data meant for cloud-init rather than for us: a cloud-config, a script, a MIME multipart
/// archive. Upstream Ignition fails the boot on them; Flatcar's Ignition took them as "no config" so that
/// coreos-cloudinit could run them, and so do we: the boot goes on with an empty config and says why.
/// </summary>
public static class UserDataKind
{
    // Longest first: "#cloud-config-archive" also starts with "#cloud-config".
    private static readonly (string Prefix, string Phrase)[] Headers =
    [
        ("#cloud-config-archive", "a cloud-config archive"),
        ("#cloud-config", "a cloud-config"),
        ("#cloud-boothook", "a cloud-init boothook"),
        ("#include", "a cloud-init include list"),
        ("#part-handler", "a cloud-init part handler"),
        ("#!", "a script"),
    ];

    /// <summary>Null for anything that may be an Ignition config (JSON, or empty); else what it is, as a phrase ("a cloud-config").</summary>
    public static string? Describe(byte[] data)
    {
        var text = data.AsSpan();
        if (text.StartsWith("\uFEFF"u8))
        {
            text = text[3..];
        }
        foreach (var (prefix, phrase) in Headers)
        {
            if (text.StartsWith(Encoding.ASCII.GetBytes(prefix)))
            {
                return phrase;
            }
        }
        return IsMultipart(text) ? "a MIME multipart archive" : null;
    }

    /// <summary>
    /// <paramref name="data"/>, or nothing when it is not for us (logged plainly, naming <paramref name="platform"/>'s user data).
    /// </summary>
    public static byte[] ConfigOrNothing(byte[] data, string platform, Log log)
    {
        if (Describe(data) is not { } kind)
        {
            return data;
        }
        log.Warning($"the {platform} user data is {kind}, not an Ignition config: booting with an empty config, as Flatcar does");
        return [];
    }

    /// <summary>A MIME message whose header block (before the first empty line) says <c>Content-Type: multipart/…</c>.</summary>
    private static bool IsMultipart(ReadOnlySpan<byte> text)
    {
        var head = Encoding.ASCII.GetString(text[..Math.Min(text.Length, 4096)]);
        foreach (var raw in head.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                return false;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 && !(line[0] is ' ' or '\t'))
            {
                return false; // not a header line: not a MIME message
            }
            if (colon > 0 && !line[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return false;
            }
            if (colon > 0 && line[..colon].Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                return line[(colon + 1)..].TrimStart().StartsWith("multipart/", StringComparison.OrdinalIgnoreCase);
            }
        }
        return false;
    }
}
