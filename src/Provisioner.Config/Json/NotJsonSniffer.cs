namespace Provisioner.Config.Json;

/// <summary>
/// Recognises user data that is plainly not an Ignition config, so the error can say what it is
/// instead of pointing at a stray '#'. Cloud images get all of these as "user data".
/// </summary>
internal static class NotJsonSniffer
{
    public static string? Identify(ReadOnlySpan<byte> bytes)
    {
        var text = bytes.TrimStart(" \t\r\n"u8);
        if (text.StartsWith("#cloud-config"u8))
        {
            return "a cloud-init cloud-config document (#cloud-config)";
        }
        if (text.StartsWith("#!"u8))
        {
            return "a script (#!)";
        }
        if (text.StartsWith("#include"u8) || text.StartsWith("#cloud-boothook"u8))
        {
            return "a cloud-init user-data document";
        }
        if (StartsWithIgnoringCase(text, "content-type:"u8) || StartsWithIgnoringCase(text, "mime-version:"u8))
        {
            return "a MIME multipart document (cloud-init user data)";
        }
        if (text.StartsWith("variant:"u8) || text.StartsWith("---"u8))
        {
            return "YAML (a Butane config?); Ignition configs are JSON: translate it first";
        }
        if (text.StartsWith((ReadOnlySpan<byte>)[0x1f, 0x8b]))
        {
            return "gzip-compressed data";
        }
        return null;
    }

    private static bool StartsWithIgnoringCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> prefix)
    {
        if (text.Length < prefix.Length)
        {
            return false;
        }
        for (var i = 0; i < prefix.Length; i++)
        {
            if ((text[i] | 0x20) != (prefix[i] | 0x20))
            {
                return false;
            }
        }
        return true;
    }
}
