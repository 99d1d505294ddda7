using Provisioner.Tests;

namespace Provisioner.Config.Tests;

/// <summary>
/// Config cases as data files: <c>NAME.ign</c> and the lines of its expected report in
/// <c>NAME.report</c> (a first line starting with "# " is a comment saying why the case exists).
/// </summary>
public static class ReportCases
{
    public static string Directory { get; } = RepoPaths.Of("tests", "Provisioner.Config.Tests", "Cases");

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*.ign", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Directory, file)[..^4]);
        }
        return data;
    }

    public static string[] ExpectedLines(string name) =>
        File.ReadAllLines(Path.Combine(Directory, name + ".report"))
            .Where(line => !line.StartsWith("# ", StringComparison.Ordinal) && line.Length > 0)
            .ToArray();

    public static string[] ActualLines(string name) =>
        ConfigParser.Parse(File.ReadAllBytes(Path.Combine(Directory, name + ".ign")))
            .Report.Entries.Select(e => e.ToString()).ToArray();
}
