using System.Globalization;

namespace Provisioner.Engine.Machine;

/// <summary>
/// Names for the temp files that are created exclusively (O_EXCL, no symlink followed) beside their target
/// and renamed over it. They need to be unlikely to collide, not secret: a planted name only makes the
/// exclusive create fail. So <see cref="Random.Shared"/>, not RandomNumberGenerator, whose first use loads
/// OpenSSL (about 3.7 MB resident) into a stage that otherwise never needs it.
/// </summary>
internal static class TempName
{
    public static string Next(string prefix) =>
        prefix + Random.Shared.NextInt64().ToString("x16", CultureInfo.InvariantCulture);
}
