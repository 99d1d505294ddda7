using System.Text;
using Provisioner.Engine.Tools;

namespace Provisioner.Engine.Providers;

/// <summary>
/// VMware: the guestinfo variables <c>guestinfo.ignition.config.data</c> and <c>….data.encoding</c>, read over
/// the VMware backdoor through open-vm-tools' <c>vmware-rpctool "info-get guestinfo.NAME"</c>. Their defaults
/// come from the OVF environment (<c>guestinfo.ovfenv</c>, properties of the same names); a variable set
/// directly wins over the OVF one. Encodings as Ignition: none, base64, gzip, gzip+base64 and their short
/// names. Local, so it works offline.
/// </summary>
public sealed class VmwareProvider : IPlatformProvider
{
    public const string DataVariable = "ignition.config.data";
    public const string EncodingVariable = "ignition.config.data.encoding";
    public const string OvfVariable = "ovfenv";

    public string Name => "vmware";

    public byte[] Fetch(ProviderContext context)
    {
        string? ovfData = null;
        string? ovfEncoding = null;
        try
        {
            if (GuestInfo(context, OvfVariable) is { Length: > 0 } ovf)
            {
                context.Log.Debug("using OVF environment from guestinfo");
                var properties = OvfEnvironment.Properties(ovf);
                properties.TryGetValue("guestinfo." + DataVariable, out ovfData);
                properties.TryGetValue("guestinfo." + EncodingVariable, out ovfEncoding);
            }
        }
        catch (StageFailedException e)
        {
            context.Log.Warning($"failed to fetch ovfenv: {e.Message}. Continuing...");
        }
        var data = GuestInfo(context, DataVariable) ?? ovfData ?? "";
        var encoding = GuestInfo(context, EncodingVariable) ?? ovfEncoding ?? "";
        return Decode(data, encoding);
    }

    /// <summary>The config in <paramref name="data"/> as <paramref name="encoding"/> says (Ignition's names).</summary>
    public static byte[] Decode(string data, string encoding) => encoding switch
    {
        "" => Encoding.UTF8.GetBytes(data),
        "b64" or "base64" => Base64.Decode(data, "vmware guestinfo.ignition.config.data"),
        "gz" or "gzip" => Gzip.Unpack(Encoding.Latin1.GetBytes(data), "vmware guestinfo.ignition.config.data"),
        "gz+base64" or "gzip+base64" or "gz+b64" or "gzip+b64" =>
            Gzip.Unpack(Base64.Decode(data, "vmware guestinfo.ignition.config.data"), "vmware guestinfo.ignition.config.data"),
        _ => throw new StageFailedException($"vmware guestinfo.{EncodingVariable}: unsupported encoding \"{encoding}\""),
    };

    /// <summary>The variable's value; null when it is not set.</summary>
    private static string? GuestInfo(ProviderContext context, string variable)
    {
        ToolResult result;
        try
        {
            result = context.Runner.Try(context.Tools.VmwareRpctool, [$"info-get guestinfo.{variable}"]);
        }
        catch (ToolFailedException e)
        {
            throw new StageFailedException(
                $"the vmware platform reads its config through {context.Tools.VmwareRpctool} (open-vm-tools), which cannot be run: {e.Message}");
        }
        if (result.Succeeded)
        {
            // rpctool prints the value and a newline.
            var value = result.Stdout;
            return value.EndsWith('\n') ? value[..^1] : value;
        }
        if (result.Stderr.Contains("No value found", StringComparison.Ordinal) || result.Stdout.Contains("No value found", StringComparison.Ordinal))
        {
            return null;
        }
        var said = result.Stderr.Trim().Length > 0 ? result.Stderr.Trim() : result.Stdout.Trim();
        throw new StageFailedException($"cannot read vmware guestinfo.{variable} with {context.Tools.VmwareRpctool} (status {result.ExitCode}): {said}; is this a VMware virtual machine?");
    }
}
