using Provisioner.Config.Model;
using Provisioner.Config.Reporting;

namespace Provisioner.Config.Validation;

/// <summary>A filesystem: mount path, device, format, label; virtiofs (3.7.0-experimental) has its own.</summary>
internal static class FilesystemRules
{
    public static void Validate(Filesystem fs, JsonPath path, RuleContext ctx)
    {
        ctx.Error(path, "path", CommonRules.PathNilOk(fs.Path));
        ctx.Error(path, "device", Device(fs, ctx));
        ctx.Error(path, "format", Format(fs, ctx));
        ctx.Error(path, "label", Label(fs, ctx));
        if (IsVirtiofs(fs, ctx))
        {
            if (CommonRules.NotEmpty(fs.Uuid))
            {
                ctx.Error(path, "uuid", Messages.UuidNotSupportedForFormat);
            }
            if (fs.WipeFilesystem == true)
            {
                ctx.Error(path, "wipeFilesystem", Messages.WipeNotSupportedForFormat);
            }
            if (fs.Options.Count > 0)
            {
                ctx.Error(path, "options", Messages.MkfsOptionsNotSupportedForFormat);
            }
        }
    }

    private static bool IsVirtiofs(Filesystem fs, RuleContext ctx) => ctx.AllowsVirtiofs && fs.Format == "virtiofs";

    private static string? Device(Filesystem fs, RuleContext ctx)
    {
        if (!IsVirtiofs(fs, ctx))
        {
            return CommonRules.Path(fs.Device);
        }
        // A virtiofs device is a tag, not a path.
        if (fs.Device.Length == 0)
        {
            return Messages.NoDevice;
        }
        return GoText.ByteLength(fs.Device) > 36 ? Messages.VirtiofsDeviceTagTooLong : null;
    }

    private static string? Format(Filesystem fs, RuleContext ctx)
    {
        if (string.IsNullOrEmpty(fs.Format))
        {
            var others = CommonRules.NotEmpty(fs.Path) || CommonRules.NotEmpty(fs.Label) || CommonRules.NotEmpty(fs.Uuid)
                || fs.WipeFilesystem == true || fs.MountOptions.Count != 0 || fs.Options.Count != 0;
            return others ? Messages.FormatNilWithOthers : null;
        }
        return fs.Format switch
        {
            "ext4" or "btrfs" or "xfs" or "swap" or "vfat" => null,
            "none" when ctx.AllowsFormatNone => null,
            "virtiofs" when ctx.AllowsVirtiofs => null,
            _ => Messages.FilesystemInvalidFormat,
        };
    }

    private static string? Label(Filesystem fs, RuleContext ctx)
    {
        if (string.IsNullOrEmpty(fs.Label))
        {
            return null;
        }
        if (string.IsNullOrEmpty(fs.Format))
        {
            return Messages.LabelNeedsFormat;
        }
        var length = GoText.ByteLength(fs.Label);
        return fs.Format switch
        {
            "ext4" when length > 16 => Messages.Ext4LabelTooLong,
            "btrfs" when length > 256 => Messages.BtrfsLabelTooLong,
            "xfs" when length > 12 => Messages.XfsLabelTooLong,
            "swap" when length > 15 => Messages.SwapLabelTooLong,
            "vfat" when length > 11 => Messages.VfatLabelTooLong,
            "virtiofs" when ctx.AllowsVirtiofs => Messages.VirtiofsCannotHaveLabel,
            _ => null,
        };
    }
}
