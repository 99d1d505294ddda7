using System.Globalization;
using System.Text;

namespace Provisioner.Engine.Providers;

/// <summary>
/// The properties of an OVF environment document (<c>&lt;Environment&gt;&lt;PropertySection&gt;&lt;Property
/// oe:key="…" oe:value="…"/&gt;</c>), as VMware hands it to the guest. Elements and attributes are matched by
/// local name, whatever their prefix, as Go's XML decoder does for Ignition. A small scanner rather than an
/// XML library: the document is machine-written and this keeps the native binary small.
/// </summary>
public static class OvfEnvironment
{
    public static Dictionary<string, string> Properties(string document)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        var depthInSection = 0;
        var i = 0;
        while ((i = document.IndexOf('<', i)) >= 0)
        {
            var end = document.IndexOf('>', i);
            if (end < 0)
            {
                break;
            }
            var tag = document[(i + 1)..end];
            i = end + 1;
            if (tag.StartsWith('?') || tag.StartsWith('!'))
            {
                continue;
            }
            var closing = tag.StartsWith('/');
            var selfClosing = tag.EndsWith('/');
            var body = tag.TrimStart('/').TrimEnd('/');
            var nameEnd = body.IndexOfAny([' ', '\t', '\r', '\n']);
            var name = LocalName(nameEnd < 0 ? body : body[..nameEnd]);
            if (name == "PropertySection")
            {
                depthInSection += closing ? -1 : selfClosing ? 0 : 1;
            }
            else if (name == "Property" && !closing && depthInSection > 0)
            {
                var attributes = Attributes(nameEnd < 0 ? "" : body[nameEnd..]);
                if (attributes.TryGetValue("key", out var key))
                {
                    properties[key] = attributes.GetValueOrDefault("value", "");
                }
            }
        }
        return properties;
    }

    private static string LocalName(string qualified) => qualified[(qualified.IndexOf(':') + 1)..];

    private static Dictionary<string, string> Attributes(string text)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        while (i < text.Length)
        {
            var equals = text.IndexOf('=', i);
            if (equals < 0)
            {
                break;
            }
            var name = LocalName(text[i..equals].Trim());
            var quoteAt = equals + 1;
            while (quoteAt < text.Length && char.IsWhiteSpace(text[quoteAt]))
            {
                quoteAt++;
            }
            if (quoteAt >= text.Length || text[quoteAt] is not ('"' or '\''))
            {
                break;
            }
            var close = text.IndexOf(text[quoteAt], quoteAt + 1);
            if (close < 0)
            {
                break;
            }
            attributes[name] = Unescape(text[(quoteAt + 1)..close]);
            i = close + 1;
        }
        return attributes;
    }

    private static string Unescape(string value)
    {
        if (!value.Contains('&', StringComparison.Ordinal))
        {
            return value;
        }
        var result = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            var semicolon = value[i] == '&' ? value.IndexOf(';', i) : -1;
            if (semicolon < 0)
            {
                result.Append(value[i]);
                continue;
            }
            var entity = value[(i + 1)..semicolon];
            string? text = entity switch
            {
                "amp" => "&",
                "lt" => "<",
                "gt" => ">",
                "quot" => "\"",
                "apos" => "'",
                _ when entity.StartsWith("#x", StringComparison.Ordinal) && int.TryParse(entity[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex) => char.ConvertFromUtf32(hex),
                _ when entity.StartsWith('#') && int.TryParse(entity[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var dec) => char.ConvertFromUtf32(dec),
                _ => null,
            };
            if (text is null)
            {
                result.Append(value[i]);
                continue;
            }
            result.Append(text);
            i = semicolon;
        }
        return result.ToString();
    }
}
