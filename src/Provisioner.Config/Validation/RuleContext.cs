using Provisioner.Config.Reporting;
using Provisioner.Config.Versions;

namespace Provisioner.Config.Validation;

/// <summary>
/// The version being validated and the report findings go to. The version deltas are named here,
/// once, so each rule reads as "what Ignition checks" with the exceptions spelled out.
/// </summary>
internal sealed class RuleContext(SpecVersion version, Report report)
{
    public SpecVersion Version { get; } = version;

    /// <summary>3.1 unified every fetched thing into one resource (compression, headers, required sources).</summary>
    public bool HasResources => Version >= SpecVersion.V3_1;

    public bool AllowsSha256 => Version >= SpecVersion.V3_1;

    public bool AllowsGsUrls => Version >= SpecVersion.V3_2;

    public bool AllowsArnUrls => Version >= SpecVersion.V3_4;

    /// <summary>3.2 had <c>clevis</c> and <c>custom</c> as pointers and required custom pin and config.</summary>
    public bool ClevisIsPointer => Version < SpecVersion.V3_3;

    /// <summary>3.3 made raid level and link target nullable and validates them as required instead.</summary>
    public bool RequiresRaidLevelAndLinkTarget => Version >= SpecVersion.V3_3;

    public bool AllowsFormatNone => Version >= SpecVersion.V3_3;

    public bool ChecksTangAdvertisement => Version >= SpecVersion.V3_4;

    public bool HasCex => Version >= SpecVersion.V3_5;

    /// <summary>Up to 3.5 a custom clevis pin had to be tpm2, tang or sss.</summary>
    public bool RestrictsClevisPin => Version < SpecVersion.V3_6;

    /// <summary>Before 3.6 setuid/setgid/sticky bits were masked off, with a warning.</summary>
    public bool WarnsSpecialModeBits => Version < SpecVersion.V3_6;

    public bool AllowsVirtiofs => Version >= SpecVersion.V3_7Experimental;

    public void Error(JsonPath path, string? message)
    {
        if (message is not null)
        {
            report.Error(path, message);
        }
    }

    public void Warning(JsonPath path, string? message)
    {
        if (message is not null)
        {
            report.Warning(path, message);
        }
    }

    // The overloads below build the finding's path only when there is a finding.

    public void Error(JsonPath parent, string key, string? message)
    {
        if (message is not null)
        {
            report.Error(parent.Append(key), message);
        }
    }

    public void Error(JsonPath parent, string key, string next, string? message)
    {
        if (message is not null)
        {
            report.Error(parent.Append(key).Append(next), message);
        }
    }

    public void Warning(JsonPath parent, string key, string? message)
    {
        if (message is not null)
        {
            report.Warning(parent.Append(key), message);
        }
    }

    public void Warning(JsonPath parent, string key, string next, string? message)
    {
        if (message is not null)
        {
            report.Warning(parent.Append(key).Append(next), message);
        }
    }

    public void Error(JsonPath parent, int index, string? message)
    {
        if (message is not null)
        {
            report.Error(parent.Append(index), message);
        }
    }
}
