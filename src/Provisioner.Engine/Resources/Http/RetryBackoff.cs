namespace Provisioner.Engine.Resources.Http;

/// <summary>
/// The wait between HTTP attempts, Ignition's: 200 ms after the first failure, doubling, never more than 5 s.
/// Tests shorten it; nothing else should.
/// </summary>
public sealed record RetryBackoff(TimeSpan Initial, TimeSpan Max)
{
    public static RetryBackoff Ignition { get; } = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5));

    /// <summary>The wait after failed attempt number <paramref name="attempt"/> (counted from 1).</summary>
    public TimeSpan After(int attempt)
    {
        var wait = Initial;
        for (var i = 1; i < attempt && wait < Max; i++)
        {
            wait *= 2;
        }
        return wait > Max ? Max : wait;
    }
}
