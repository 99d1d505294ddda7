using Provisioner.Config.Model;
using Provisioner.Config.Reporting;

namespace Provisioner.Config.Validation;

/// <summary>Files, directories and links: their own checks, then owner, then contents, in Go field order.</summary>
internal static class NodeRules
{
    public static void ValidateDirectory(Model.Directory directory, JsonPath path, RuleContext ctx)
    {
        ctx.Error(path, "path", CommonRules.Path(directory.Path));
        Mode(directory.Mode, path, ctx);
        Owner(directory, path, ctx);
    }

    public static void ValidateFile(Model.File file, JsonPath path, RuleContext ctx)
    {
        ctx.Error(path, "path", CommonRules.Path(file.Path));
        Mode(file.Mode, path, ctx);
        if (file.Overwrite == true && file.Contents.Source is null)
        {
            ctx.Error(path, "overwrite", Messages.OverwriteAndNilSource);
        }
        Owner(file, path, ctx);
        for (var i = 0; i < file.Append.Count; i++)
        {
            ResourceRules.Validate(file.Append[i], path.Append("append").Append(i), ResourceUse.FileContents, ctx);
        }
        ResourceRules.Validate(file.Contents, path.Append("contents"), ResourceUse.FileContents, ctx);
    }

    public static void ValidateLink(Link link, JsonPath path, RuleContext ctx)
    {
        ctx.Error(path, "path", CommonRules.Path(link.Path));
        Owner(link, path, ctx);
    }

    private static void Mode(long? mode, JsonPath path, RuleContext ctx)
    {
        ctx.Error(path, "mode", CommonRules.Mode(mode));
        if (ctx.WarnsSpecialModeBits)
        {
            ctx.Warning(path, "mode", CommonRules.ModeSpecialBits(mode));
        }
    }

    /// <summary>Node's fields come group first, then user.</summary>
    private static void Owner(Node node, JsonPath path, RuleContext ctx)
    {
        if (node.Group.Id is not null && CommonRules.NotEmpty(node.Group.Name))
        {
            ctx.Error(path, "group", Messages.BothIdAndNameSet);
        }
        if (node.User.Id is not null && CommonRules.NotEmpty(node.User.Name))
        {
            ctx.Error(path, "user", Messages.BothIdAndNameSet);
        }
    }
}
