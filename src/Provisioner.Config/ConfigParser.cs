using Provisioner.Config.Json;
using Provisioner.Config.Model;
using Provisioner.Config.Reporting;
using Provisioner.Config.Schema;
using Provisioner.Config.Validation;
using Provisioner.Config.Versions;

namespace Provisioner.Config;

/// <summary>
/// Bytes in, a typed config and a report out. The steps are Ignition's: read the JSON, find the
/// version, check the document against that version's schema, validate it with that version's rules,
/// then translate it up to the newest spec. Pure: no I/O.
/// </summary>
public static class ConfigParser
{
    public static ParseResult Parse(ReadOnlySpan<byte> bytes)
    {
        var report = new Report();
        var source = new SourceText(bytes);
        if (bytes.Trim(" \t\r\n"u8).IsEmpty)
        {
            report.Add(new ReportEntry(Severity.Error, null, 0, 0, Messages.Empty));
            return new ParseResult(null, null, report);
        }
        if (NotJsonSniffer.Identify(bytes) is { } what)
        {
            report.Add(At(source, Severity.Error, null, FirstNonSpace(bytes), $"this is {what}, not an Ignition config"));
            return new ParseResult(null, null, report);
        }

        SourceNode root;
        try
        {
            root = SourceReader.Read(bytes, source);
        }
        catch (ConfigSyntaxException e)
        {
            report.Add(At(source, Severity.Error, null, e.Offset, e.Message));
            return new ParseResult(null, null, report);
        }

        var version = ReadVersion(root, source, report);
        if (version is null)
        {
            return new ParseResult(null, null, report);
        }

        var (canonical, check) = SchemaChecker.Check(root, SpecSchema.For(version), source);
        if (!check.TypeErrors.IsEmpty)
        {
            var errors = check.TypeErrors.Entries.OrderBy(e => (e.Line, e.Column));
            foreach (var entry in errors)
            {
                report.Add(entry);
            }
            return new ParseResult(null, version, report);
        }

        var config = ModelReader.Read(canonical);
        ConfigValidator.Validate(config, version, report);
        report.Correlate(path => source.Position(Locate(root, path).ReportOffset));
        report.AddRange(check.Warnings);

        return report.HasErrors
            ? new ParseResult(null, version, report)
            : new ParseResult(Translator.ToNewest(config, version), version, report);
    }

    /// <summary>Finds <c>ignition.version</c> as Go's decoder would, and checks it names a version we accept.</summary>
    private static SpecVersion? ReadVersion(SourceNode root, SourceText source, Report report)
    {
        var versionPath = JsonPath.Root.Append("ignition").Append("version");
        if (root.Kind != JsonKind.Object)
        {
            report.Add(At(source, Severity.Error, null, root.Offset, $"{Messages.NotAnObject}, not {root.DescribeKind()}"));
            return null;
        }
        var node = FindFolded(FindFolded(root, "ignition"), "version");
        if (node is null || node.Kind == JsonKind.Null)
        {
            var at = FindFolded(root, "ignition") ?? root;
            report.Add(At(source, Severity.Error, versionPath, at.ReportOffset, $"{Messages.InvalidVersion}: the config has no ignition.version"));
            return null;
        }
        if (node.Kind != JsonKind.String)
        {
            report.Add(At(source, Severity.Error, versionPath, node.Offset, $"expected a string, found {node.DescribeKind()}"));
            return null;
        }
        var version = SpecVersion.TryParse(node.Text, out var metadata);
        if (version is null)
        {
            report.Add(At(source, Severity.Error, versionPath, node.Offset,
                $"{Messages.InvalidVersion}: \"{node.Text}\" is not a MAJOR.MINOR.PATCH version such as \"{SpecVersion.NewestStable}\""));
            return null;
        }
        if (metadata.Length == 0 && SpecVersion.Supported.Contains(version))
        {
            return version;
        }
        var accepted = $"this build accepts {SpecVersion.V3_0} to {SpecVersion.NewestStable} and {SpecVersion.V3_7Experimental}";
        var why = version.Major switch
        {
            < 3 => $"spec {version.Major}.x configs are not accepted yet: {accepted}; translate the config to spec 3 first",
            _ when version.IsExperimental => $"only the current experimental version is accepted: {accepted}",
            _ => accepted,
        };
        report.Add(At(source, Severity.Error, versionPath, node.Offset, $"{Messages.UnsupportedVersion} \"{node.Text}\": {why}"));
        return null;
    }

    /// <summary>The value Go's decoder would put in field <paramref name="name"/>: keys matched ignoring case, the last one wins.</summary>
    private static SourceNode? FindFolded(SourceNode? obj, string name)
    {
        if (obj is null || obj.Kind != JsonKind.Object)
        {
            return null;
        }
        SourceNode? found = null;
        foreach (var member in obj.Members)
        {
            if (string.Equals(member.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                found = member.Value.Kind == JsonKind.Object && found?.Kind == JsonKind.Object
                    ? FindFoldedMerged(found, member.Value)
                    : member.Value;
            }
        }
        return found;
    }

    // A repeated object key is merged, so a version in an earlier "ignition" object still counts.
    private static SourceNode FindFoldedMerged(SourceNode earlier, SourceNode later)
    {
        var merged = SourceNode.Container(JsonKind.Object, later.Offset);
        merged.Members.AddRange(earlier.Members);
        merged.Members.AddRange(later.Members);
        return merged;
    }

    /// <summary>The deepest node of the source that exists on <paramref name="path"/>, as Ignition positions its findings.</summary>
    private static SourceNode Locate(SourceNode root, JsonPath path)
    {
        var node = root;
        foreach (var segment in path.Segments)
        {
            var next = segment switch
            {
                string key when node.Kind == JsonKind.Object => node.Member(key),
                int index when node.Kind == JsonKind.Array && index < node.Items.Count => node.Items[index],
                _ => null,
            };
            if (next is null)
            {
                break;
            }
            node = next;
        }
        return node;
    }

    private static ReportEntry At(SourceText source, Severity severity, JsonPath? path, int offset, string message)
    {
        var (line, column) = source.Position(offset);
        return new ReportEntry(severity, path, line, column, message);
    }

    private static int FirstNonSpace(ReadOnlySpan<byte> bytes) => bytes.Length - bytes.TrimStart(" \t\r\n"u8).Length;

}
