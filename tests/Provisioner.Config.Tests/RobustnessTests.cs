using Provisioner.Tests;

namespace Provisioner.Config.Tests;

/// <summary>
/// Whatever the bytes, parsing answers with a report and never throws: mutations of every corpus
/// config (deterministic, so a failure reproduces) must all come back as a result.
/// </summary>
public sealed class RobustnessTests
{
    private static readonly byte[] Interesting = "{}[]\",:\\0123456789-+.eE tfn\n\u00e9%/"u8.ToArray();

    [Fact]
    public void MutatedConfigsNeverThrow()
    {
        var random = new Random(20261123);
        var configs = Directory.EnumerateFiles(RepoPaths.Of("tests", "corpus", "validate"), "*.ign", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes)
            .Where(b => b.Length < 4096)
            .ToArray();
        var parsed = 0;
        foreach (var original in configs)
        {
            for (var round = 0; round < 20; round++)
            {
                var bytes = Mutate(original, random);
                var result = ConfigParser.Parse(bytes);
                Assert.NotNull(result.Report);
                parsed++;
            }
        }
        Assert.True(parsed > 10_000, $"only {parsed} mutations were parsed");
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        var edits = random.Next(1, 4);
        for (var i = 0; i < edits && bytes.Count > 0; i++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0: bytes[at] = Interesting[random.Next(Interesting.Length)]; break;
                case 1: bytes.Insert(at, Interesting[random.Next(Interesting.Length)]); break;
                case 2: bytes.RemoveAt(at); break;
                case 3: bytes.RemoveRange(at, bytes.Count - at); break;
                default: bytes[at] = (byte)random.Next(256); break;
            }
        }
        return bytes.ToArray();
    }
}
