using Provisioner.Tests;

namespace Provisioner.Config.Tests;

/// <summary>
/// Replays the corpus recorded from Debian's ignition-validate 2.14 (tests/corpus/validate) through our
/// parser, without needing Ignition installed: the verdict must agree, and when Ignition's findings
/// are report lines with a JSON path, so must every line, in order. Cases where we differ on purpose
/// are listed with the reason in tests/differential/known-differences.txt.
/// </summary>
public sealed class CorpusTests
{
    private static readonly string CorpusDirectory = RepoPaths.Of("tests", "corpus", "validate");

    private static readonly Dictionary<string, string> KnownDifferences = File
        .ReadAllLines(RepoPaths.Of("tests", "differential", "known-differences.txt"))
        .Select(line => line.Trim())
        .Where(line => line.Length > 0 && !line.StartsWith('#'))
        .Select(line => line.Split((char[])[' ', '\t'], 2, StringSplitOptions.RemoveEmptyEntries))
        .ToDictionary(parts => parts[0], parts => parts.Length > 1 ? parts[1] : "", StringComparer.Ordinal);

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(CorpusDirectory, "*.ign", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(CorpusDirectory, file)[..^4].Replace('\\', '/'));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AgreesWithIgnitionValidate(string name)
    {
        if (KnownDifferences.ContainsKey(name))
        {
            return; // Listed with its reason; the differential script reports these too.
        }
        var expected = File.ReadAllLines(Path.Combine(CorpusDirectory, name + ".expected"));
        var theirExit = int.Parse(expected[0]["exit=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        var theirLines = expected.Skip(1).Where(l => !l.StartsWith("stderr: ", StringComparison.Ordinal)).ToArray();

        var result = ConfigParser.Parse(File.ReadAllBytes(Path.Combine(CorpusDirectory, name + ".ign")));
        var ourLines = result.Report.Entries.Select(e => e.ToString()).ToArray();
        if (ourLines.Length > 0)
        {
            ourLines[^1] = ourLines[^1].TrimEnd(); // as `provisioner validate` prints it, like ignition-validate
        }

        Assert.Equal(theirExit != 0, result.Report.HasErrors);
        if (theirLines.Length > 0 && (theirLines[0].StartsWith("error at $", StringComparison.Ordinal) || theirLines[0].StartsWith("warning at $", StringComparison.Ordinal)))
        {
            Assert.Equal(theirLines, ourLines);
        }
    }
}
