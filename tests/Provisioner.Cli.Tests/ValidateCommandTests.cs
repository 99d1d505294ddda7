using System.Text.Json;
using Provisioner.Tests;

namespace Provisioner.Cli.Tests;

/// <summary>`provisioner validate`, run in-process with captured streams.</summary>
public sealed class ValidateCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("provisioner-cli-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Exit, string Out, string Err) Run(string stdin, params string[] args) => CliRun.Run(stdin, args);

    [Fact]
    public void AValidConfigPrintsNothingAndExitsZero()
    {
        var (exit, output, _) = Run("", "validate", Write("ok.ign", """{"ignition":{"version":"3.3.0"}}"""));
        Assert.Equal(0, exit);
        Assert.Equal("", output);
    }

    [Fact]
    public void FindingsArePrintedInIgnitionValidatesFormatAndErrorsExitOne()
    {
        var file = Write("bad.ign", "{\"ignition\":{\"version\":\"3.3.0\"},\n \"storage\":{\"files\":[{\"path\":\"/a\",\"zz\":1,\n  \"mode\":\"0644\"}]}}");
        var (exit, output, _) = Run("", "validate", file);
        Assert.Equal(1, exit);
        Assert.Equal("error at $.storage.files.0.mode, line 3 col 10: expected an integer (modes are decimal integers: 420 for 0644), found a string\n", output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void WarningsAlonePrintButExitZero()
    {
        var (exit, output, _) = Run("", "validate", Write("w.ign", """{"ignition":{"version":"3.3.0"},"foo":1}"""));
        Assert.Equal(0, exit);
        Assert.Equal("warning at $.foo, line 1 col 33: Unused key foo", output.Trim());
    }

    [Fact]
    public void ADashReadsStandardInput()
    {
        var (exit, output, _) = Run("""{"ignition":{"version":"3.9.0"}}""", "validate", "-");
        Assert.Equal(1, exit);
        Assert.StartsWith("error at $.ignition.version, line 1 col 24: unsupported config version \"3.9.0\"", output);
    }

    [Fact]
    public void JsonFormatGivesToolsTheWholeReport()
    {
        var (exit, output, _) = Run("", "validate", "--format", "json", Write("j.ign", """{"ignition":{"version":"3.3.0"},"foo":1}"""));
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(output);
        Assert.True(doc.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal("3.3.0", doc.RootElement.GetProperty("version").GetString());
        var entry = Assert.Single(doc.RootElement.GetProperty("entries").EnumerateArray().ToArray());
        Assert.Equal("warning", entry.GetProperty("severity").GetString());
        Assert.Equal("$.foo", entry.GetProperty("path").GetString());
        Assert.Equal(1, entry.GetProperty("line").GetInt32());
        Assert.Equal(33, entry.GetProperty("column").GetInt32());
        Assert.Equal("Unused key foo", entry.GetProperty("message").GetString());
    }

    [Fact]
    public void PrettyShowsTheFileLineColumnAndTheOffendingLine()
    {
        var file = Write("p.ign", "{\"ignition\":{\"version\":\"3.3.0\"},\n \"storage\":{\"files\":[{\"path\":\"/a\",\n  \"mode\":\"0644\"}]}}");
        var (exit, output, _) = Run("", "validate", "--pretty", file);
        Assert.Equal(1, exit);
        var lines = output.ReplaceLineEndings("\n").Split('\n');
        Assert.StartsWith("error: expected an integer", lines[0]);
        Assert.Equal($"  --> {file}:3:10 at $.storage.files.0.mode", lines[1]);
        Assert.Equal("2 |  \"storage\":{\"files\":[{\"path\":\"/a\",", lines[3]);
        Assert.Equal("3 |   \"mode\":\"0644\"}]}}", lines[4]);
        Assert.Equal("  |          ^", lines[5]);
        Assert.Contains($"{file}: 1 error(s), 0 warning(s)", output);
    }

    [Fact]
    public void AMissingFileIsAClearErrorNamingIt()
    {
        var (exit, _, error) = Run("", "validate", Path.Combine(dir, "nope.ign"));
        Assert.Equal(1, exit);
        Assert.Equal($"provisioner: cannot read {Path.Combine(dir, "nope.ign")}: no such file", error.Trim());
    }

    [Fact]
    public void ADirectoryIsNotAConfig()
    {
        var (exit, _, error) = Run("", "validate", dir);
        Assert.Equal(1, exit);
        Assert.Equal($"provisioner: cannot read {dir}: it is a directory", error.Trim());
    }

    [Theory]
    [InlineData(new[] { "validate" }, "which config?")]
    [InlineData(new[] { "validate", "--format", "xml", "x" }, "unknown format")]
    [InlineData(new[] { "validate", "--bogus", "x" }, "unknown option --bogus")]
    [InlineData(new[] { "frobnicate" }, "unknown command")]
    public void CommandLineMistakesExitTwoWithAReason(string[] args, string reason)
    {
        var (exit, _, error) = Run("", args);
        Assert.Equal(2, exit);
        Assert.Contains(reason, error);
    }

    [Fact]
    public void VersionAndHelpAnswer()
    {
        var (exit, output, _) = Run("", "--version");
        Assert.Equal(0, exit);
        Assert.StartsWith("Provisioner ", output);
        Assert.Contains("3.6.0", output);

        Assert.Contains("provisioner validate", Run("", "--help").Out);
        Assert.Contains("--format json", Run("", "validate", "--help").Out);
        Assert.Contains("--format json", Run("", "--help", "validate").Out);
    }

    [Fact]
    public void TheBundledSamplesAreValid()
    {
        foreach (var sample in Directory.EnumerateFiles(RepoPaths.Of("samples"), "*.ign"))
        {
            var (exit, output, _) = Run("", "validate", sample);
            Assert.True(exit == 0, $"{sample}: {output}");
        }
    }
}
