namespace Provisioner.Config.Tests;

/// <summary>Every rule has a case here that breaks it, with the exact report we must print.</summary>
public sealed class ValidationCaseTests
{
    public static TheoryData<string> Cases => ReportCases.All();

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReportMatchesTheRecordedOne(string name)
    {
        Assert.Equal(ReportCases.ExpectedLines(name), ReportCases.ActualLines(name));
    }
}
