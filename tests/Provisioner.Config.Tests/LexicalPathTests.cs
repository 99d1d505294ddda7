using Provisioner.Config.Validation;

namespace Provisioner.Config.Tests;

/// <summary>The lexical path rules the node and hard-link checks stand on.</summary>
public sealed class LexicalPathTests
{
    [Theory]
    [InlineData("a/c", "a/c")]
    [InlineData("a//c", "a/c")]
    [InlineData("a/c/.", "a/c")]
    [InlineData("a/c/b/..", "a/c")]
    [InlineData("/../a/c", "/a/c")]
    [InlineData("/../a/b/../././/c", "/a/c")]
    [InlineData("", ".")]
    [InlineData("..", "..")]
    [InlineData("../../a/..", "../..")]
    [InlineData("a/..", ".")]
    [InlineData("/", "/")]
    [InlineData("//", "/")]
    [InlineData("/srv/link/../data/", "/srv/data")]
    public void CleanFollowsTheDocumentedRules(string path, string clean)
    {
        Assert.Equal(clean, LexicalPath.Clean(path));
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/etc/hosts", true)]
    [InlineData("/etc//hosts", false)]
    [InlineData("/etc/./hosts", false)]
    [InlineData("/etc/../hosts", false)]
    [InlineData("/etc/", false)]
    [InlineData("/etc/...", true)]
    public void IsCleanAbsoluteAgreesWithClean(string path, bool clean)
    {
        Assert.Equal(clean, LexicalPath.IsCleanAbsolute(path));
        Assert.Equal(clean, LexicalPath.Clean(path) == path);
    }

    [Theory]
    [InlineData("/srv/link", "data", "/srv/link/data")]
    [InlineData("/srv/link", "../x", "/srv/x")]
    [InlineData("", "a/./b", "a/b")]
    public void JoinCleansTheResult(string a, string b, string joined)
    {
        Assert.Equal(joined, LexicalPath.Join(a, b));
    }

    [Theory]
    [InlineData("a.service", ".service")]
    [InlineData("/x.d/unit", "")]
    [InlineData("a.b.conf", ".conf")]
    public void ExtIsTheSuffixOfTheLastElement(string path, string ext)
    {
        Assert.Equal(ext, LexicalPath.Ext(path));
    }
}
