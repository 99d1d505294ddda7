using Provisioner.Config.Model;
using Provisioner.Config.Reporting;
using Provisioner.Config.Versions;

namespace Provisioner.Config;

/// <summary>
/// What parsing a config produced. <see cref="Config"/> is set only when the report has no errors;
/// it is then already translated up to the newest spec. <see cref="Version"/> is the version the
/// config declared, when it could be read.
/// </summary>
public sealed record ParseResult(Configuration? Config, SpecVersion? Version, Report Report)
{
    public bool IsValid => Config is not null;
}
