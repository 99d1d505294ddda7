using Provisioner.Config.Model;
using Provisioner.Engine.Machine;

namespace Provisioner.Engine.Stages.Files;

/// <summary>
/// Owner and mode of a node as Ignition sets them: user and group from their id or name, each defaulting
/// to the node's current owner (following a symlink, inside the root) or root; lchown first, then chmod
/// when a mode is given (so setuid bits survive the chown).
/// </summary>
public static class NodeOwnership
{
    public static (int Uid, int Gid) Resolve(Node node, FilesContext ctx, int defaultUid, int defaultGid) =>
        (UserId(node.User, ctx) ?? defaultUid, GroupId(node.Group, ctx) ?? defaultGid);

    public static void Apply(Node node, string path, long? mode, FilesContext ctx)
    {
        var current = ctx.Fs.Stat(path);
        var (uid, gid) = Resolve(node, ctx, current?.Uid ?? 0, current?.Gid ?? 0);
        ctx.Fs.SetOwner(path, uid, gid);
        if (mode is { } m)
        {
            ctx.Fs.SetMode(path, (int)m);
        }
    }

    private static int? UserId(NodeUser user, FilesContext ctx)
    {
        if (user.Id is { } id)
        {
            return (int)id;
        }
        if (string.IsNullOrEmpty(user.Name))
        {
            return null;
        }
        return ctx.Accounts.User(user.Name)?.Uid
            ?? throw new StageFailedException($"user \"{user.Name}\" does not exist in the root's passwd database");
    }

    private static int? GroupId(NodeGroup group, FilesContext ctx)
    {
        if (group.Id is { } id)
        {
            return (int)id;
        }
        if (string.IsNullOrEmpty(group.Name))
        {
            return null;
        }
        return ctx.Accounts.GroupId(group.Name)
            ?? throw new StageFailedException($"group \"{group.Name}\" does not exist in the root's group database");
    }
}
