using System.Text;
using Provisioner.Engine.Tools;

namespace Provisioner.Engine.Providers;

/// <summary>
/// VirtualBox: the guest property <c>/Ignition/Config</c>, read here with the Guest Additions' <c>VBoxControl
/// guestproperty get</c> (Ignition talks to /dev/vboxguest itself). <c>/Ignition/Config/Encoding</c> must be
/// unset or empty, as Ignition keeps it for a future encoding; an unset config means no config. Works offline.
/// </summary>
public sealed class VirtualBoxProvider : IPlatformProvider
{
    public const string ConfigProperty = "/Ignition/Config";
    public const string EncodingProperty = "/Ignition/Config/Encoding";

    public string Name => "virtualbox";

    public byte[] Fetch(ProviderContext context)
    {
        if (Property(context, EncodingProperty) is { Length: > 0 } encoding)
        {
            throw new StageFailedException($"virtualbox: unsupported \"{EncodingProperty}\" value \"{encoding}\"");
        }
        if (Property(context, ConfigProperty) is not { } config)
        {
            context.Log.Info($"VirtualBox guest property \"{ConfigProperty}\" does not exist; assuming no config");
            return [];
        }
        return Encoding.UTF8.GetBytes(config);
    }

    /// <summary>The property's value; null when it is not set. VBoxControl prints <c>Value: …</c> or <c>No value set!</c>.</summary>
    private static string? Property(ProviderContext context, string name)
    {
        ToolResult result;
        try
        {
            result = context.Runner.Try(context.Tools.VBoxControl, ["--nologo", "guestproperty", "get", name]);
        }
        catch (ToolFailedException e)
        {
            throw new StageFailedException(
                $"the virtualbox platform reads its config through {context.Tools.VBoxControl} (VirtualBox Guest Additions), which cannot be run: {e.Message}");
        }
        const string prefix = "Value: ";
        var output = result.Stdout;
        if (result.Succeeded && output.StartsWith(prefix, StringComparison.Ordinal))
        {
            var value = output[prefix.Length..];
            return value.EndsWith('\n') ? value[..^1] : value;
        }
        if (output.Contains("No value set!", StringComparison.Ordinal))
        {
            return null;
        }
        var said = result.Stderr.Trim().Length > 0 ? result.Stderr.Trim() : output.Trim();
        throw new StageFailedException($"cannot read VirtualBox guest property \"{name}\" with {context.Tools.VBoxControl} (status {result.ExitCode}): {said}");
    }
}
