using System.Text.Json;
using Provisioner.Config.Schema;
using Provisioner.Config.Versions;
using Provisioner.Tests;

namespace Provisioner.Config.Tests;

/// <summary>The per-version schemas: all embedded, in the subset our checker reads, and saying what each version has.</summary>
public sealed class SchemaTests
{
    public static TheoryData<string> Versions() => new(SpecVersion.Supported.Select(v => v.ToString()));

    private static readonly HashSet<string> AllowedKeywords =
        ["$schema", "$id", "title", "description", "type", "properties", "additionalProperties", "items", "$ref", "required", "default", "$defs"];

    [Theory]
    [MemberData(nameof(Versions))]
    public void EachVersionHasAnEmbeddedSchemaInTheSupportedSubset(string version)
    {
        var schema = SpecSchema.For(SpecVersion.TryParse(version, out _)!);
        Assert.Equal(["ignition"], schema.PropertyNames.Where(n => n == "ignition"));

        using var doc = JsonDocument.Parse(File.ReadAllBytes(RepoPaths.Of("schemas", $"ignition-{version}.json")));
        Assert.Equal($"https://provisioner.dev/schemas/ignition-{version}.json", doc.RootElement.GetProperty("$id").GetString());
        AssertSubset(doc.RootElement, "$");
    }

    private static void AssertSubset(JsonElement schema, string at)
    {
        foreach (var keyword in schema.EnumerateObject())
        {
            Assert.True(AllowedKeywords.Contains(keyword.Name), $"{at}: keyword {keyword.Name} is outside the subset the checker reads");
            if (keyword.Name == "additionalProperties")
            {
                Assert.Equal(JsonValueKind.False, keyword.Value.ValueKind);
            }
            if (keyword.Name is "properties" or "$defs")
            {
                foreach (var child in keyword.Value.EnumerateObject())
                {
                    AssertSubset(child.Value, $"{at}.{child.Name}");
                }
            }
            if (keyword.Name == "items")
            {
                AssertSubset(keyword.Value, $"{at}[]");
            }
        }
    }

    [Theory]
    [InlineData("3.0.0", "storage.luks", false)]
    [InlineData("3.2.0", "storage.luks", true)]
    [InlineData("3.2.0", "kernelArguments", false)]
    [InlineData("3.3.0", "kernelArguments", true)]
    [InlineData("3.0.0", "ignition.proxy", false)]
    [InlineData("3.1.0", "ignition.proxy", true)]
    [InlineData("3.0.0", "storage.filesystems[].mountOptions", false)]
    [InlineData("3.1.0", "storage.filesystems[].mountOptions", true)]
    [InlineData("3.0.0", "storage.files[].contents.httpHeaders", false)]
    [InlineData("3.1.0", "storage.files[].contents.httpHeaders", true)]
    [InlineData("3.1.0", "storage.disks[].partitions[].resize", false)]
    [InlineData("3.2.0", "storage.disks[].partitions[].resize", true)]
    [InlineData("3.3.0", "storage.luks[].discard", false)]
    [InlineData("3.4.0", "storage.luks[].discard", true)]
    [InlineData("3.4.0", "storage.luks[].clevis.tang[].advertisement", true)]
    [InlineData("3.4.0", "storage.luks[].cex", false)]
    [InlineData("3.5.0", "storage.luks[].cex", true)]
    [InlineData("3.6.0", "storage.luks[].cex.enabled", true)]
    [InlineData("3.7.0-experimental", "storage.luks[].cex.enabled", true)]
    public void EachVersionHasExactlyItsOwnFields(string version, string field, bool has)
    {
        SchemaNode? node = SpecSchema.For(SpecVersion.TryParse(version, out _)!);
        foreach (var part in field.Split('.'))
        {
            var name = part.TrimEnd('[', ']');
            node = node?.Properties.GetValueOrDefault(name);
            if (part.EndsWith("[]", StringComparison.Ordinal))
            {
                node = node?.Items;
            }
        }
        Assert.Equal(has, node is not null);
    }
}
