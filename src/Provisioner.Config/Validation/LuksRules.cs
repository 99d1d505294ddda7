using Provisioner.Config.Model;
using Provisioner.Config.Reporting;

namespace Provisioner.Config.Validation;

/// <summary>A LUKS volume, its clevis bindings and tang servers, and its key file (3.2+).</summary>
internal static class LuksRules
{
    public static void Validate(Luks luks, JsonPath path, RuleContext ctx)
    {
        if (luks.Name.Contains('/', StringComparison.Ordinal))
        {
            ctx.Error(path, "name", Messages.LuksNameContainsSlash);
        }
        if (CommonRules.NotEmpty(luks.Label) && GoText.ByteLength(luks.Label!) > 47)
        {
            ctx.Error(path, "label", Messages.LuksLabelTooLong);
        }
        ctx.Error(path, "device", string.IsNullOrEmpty(luks.Device) ? Messages.DiskDeviceRequired : CommonRules.Path(luks.Device));

        var clevis = luks.Clevis;
        var others = clevis.Tang.Count > 0 || clevis.Tpm2 == true || clevis.Threshold is not null and not 0;
        if (others && (ctx.ClevisIsPointer ? CustomPresent(clevis.Custom) : CommonRules.NotEmpty(clevis.Custom.Pin)))
        {
            ctx.Error(path, "clevis", Messages.ClevisCustomWithOthers);
        }
        // Ignition reports a bad key file on "keys", a path that does not exist in the config.
        if (UrlRules.ValidateNilOk(luks.KeyFile.Source, ctx) is not null)
        {
            ctx.Error(path, "keys", Messages.InvalidLuksKeyFile);
        }
        if (ctx.HasCex && luks.Cex.Enabled == true)
        {
            if (CommonRules.NotEmpty(clevis.Custom.Pin) || others)
            {
                ctx.Error(path, "cex", Messages.CexWithClevis);
            }
            if (CommonRules.NotEmpty(luks.KeyFile.Source))
            {
                ctx.Error(path, "cex", Messages.CexWithKeyFile);
            }
        }

        // Children in Go field order: cex, clevis (custom, tang), device, discard, keyFile, ...
        var clevisPath = path.Append("clevis");
        Custom(clevis.Custom, clevisPath.Append("custom"), ctx);
        var tangs = clevisPath.Append("tang");
        for (var i = 0; i < clevis.Tang.Count; i++)
        {
            Tang(clevis.Tang[i], tangs.Append(i), ctx);
        }
        ResourceRules.Validate(luks.KeyFile, path.Append("keyFile"), ResourceUse.KeyFile, ctx);
    }

    /// <summary>
    /// In 3.2 <c>custom</c> is a pointer: present whenever the key is. The model cannot tell an empty
    /// <c>"custom": {}</c> from none, so a custom object with no field set counts as absent.
    /// </summary>
    private static bool CustomPresent(ClevisCustom custom) => custom.Pin is not null || custom.Config is not null || custom.NeedsNetwork is not null;

    private static void Custom(ClevisCustom custom, JsonPath path, RuleContext ctx)
    {
        if (ctx.ClevisIsPointer)
        {
            // 3.2: pin and config are plain strings.
            var pin = custom.Pin ?? "";
            var config = custom.Config ?? "";
            if (pin.Length == 0 && config.Length == 0)
            {
                return;
            }
            if (pin is not ("tpm2" or "tang" or "sss"))
            {
                ctx.Error(path, "pin", Messages.UnknownClevisPin);
            }
            if (config.Length == 0)
            {
                ctx.Error(path, "config", Messages.ClevisConfigRequired);
            }
            return;
        }
        if (string.IsNullOrEmpty(custom.Pin) && string.IsNullOrEmpty(custom.Config) && custom.NeedsNetwork != true)
        {
            return;
        }
        if (string.IsNullOrEmpty(custom.Pin))
        {
            ctx.Error(path, "pin", Messages.ClevisPinRequired);
        }
        else if (ctx.RestrictsClevisPin && custom.Pin is not ("tpm2" or "tang" or "sss"))
        {
            ctx.Error(path, "pin", Messages.UnknownClevisPin);
        }
        if (string.IsNullOrEmpty(custom.Config))
        {
            ctx.Error(path, "config", Messages.ClevisConfigRequired);
        }
    }

    private static void Tang(Tang tang, JsonPath path, RuleContext ctx)
    {
        var url = ParsedUrl.Parse(tang.Url);
        if (url is null)
        {
            ctx.Error(path, "url", Messages.InvalidUrl);
        }
        else if (url.Scheme is not ("http" or "https"))
        {
            ctx.Error(path, "url", Messages.InvalidScheme);
        }
        if (string.IsNullOrEmpty(tang.Thumbprint))
        {
            ctx.Error(path, "thumbprint", Messages.TangThumbprintRequired);
        }
        if (ctx.ChecksTangAdvertisement && CommonRules.NotEmpty(tang.Advertisement) && !GoText.IsJson(tang.Advertisement!))
        {
            ctx.Error(path, "advertisement", Messages.InvalidTangAdvertisement);
        }
    }
}
