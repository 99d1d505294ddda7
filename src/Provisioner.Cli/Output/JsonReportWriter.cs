using System.Text.Json;
using Provisioner.Config;

namespace Provisioner.Cli.Output;

/// <summary>
/// The report as one JSON object for tools and editors:
/// <c>{"file", "valid", "version", "entries": [{"severity","path","line","column","message"}]}</c>.
/// </summary>
internal static class JsonReportWriter
{
    public static void Write(TextWriter output, string file, ParseResult result)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("file", file);
            json.WriteBoolean("valid", !result.Report.HasErrors);
            if (result.Version is { } version)
            {
                json.WriteString("version", version.ToString());
            }
            else
            {
                json.WriteNull("version");
            }
            json.WriteStartArray("entries");
            foreach (var entry in result.Report.Entries)
            {
                json.WriteStartObject();
                json.WriteString("severity", entry.Severity.ToString().ToLowerInvariant());
                if (entry.Path is { Depth: > 0 } path)
                {
                    json.WriteString("path", path.ToString());
                }
                else
                {
                    json.WriteNull("path");
                }
                json.WriteNumber("line", entry.Line);
                json.WriteNumber("column", entry.Column);
                json.WriteString("message", entry.Message);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        output.WriteLine();
    }
}
