using Provisioner.Config.Model;
using Provisioner.Config.Validation;
using Provisioner.Engine.Machine;

namespace Provisioner.Engine.Stages.Files;

/// <summary>
/// Creates one file, directory or link with Ignition's semantics: what may already be there without
/// <c>overwrite</c>, contents then appends, owner then mode. Paths are config paths; the rooted file
/// system keeps every one of them inside the root.
/// </summary>
public static class NodeWriter
{
    private const int DefaultFileMode = 0b110_100_100;      // 0644
    private const int DefaultDirectoryMode = 0b111_101_101; // 0755

    public static void WriteFile(Provisioner.Config.Model.File file, string path, FilesContext ctx)
    {
        var existing = ctx.Fs.Lstat(path);
        var contents = file.Contents;
        var source = contents.Source;
        if (existing is null && source is null)
        {
            source = "";
        }
        else if (existing is not null && existing.Type != NodeType.File)
        {
            throw new StageFailedException($"a non-regular file ({Describe(existing)}) exists at {path} already and overwrite is false");
        }
        else if (existing is not null && source is not null)
        {
            throw new StageFailedException($"a file exists at {path} already and overwrite is false");
        }

        if (source is not null)
        {
            // Streamed into a temporary file beside the target and verified as it ends: a file whose hash
            // does not match is never renamed into place, and a large one is never held in memory.
            var (uid, gid) = file.Append.Count == 0 ? NodeOwnership.Resolve(file, ctx, 0, 0) : (0, 0);
            using var data = ctx.Fetcher.Open(source == contents.Source ? contents : new Resource { Source = source }, $"file {path}");
            ctx.Fs.EnsureParentDirectories(path);
            if (file.Append.Count == 0)
            {
                // A new file gets its final owner and mode before it appears: one atomic rename.
                ctx.Fs.WriteFile(path, data, (int?)file.Mode ?? DefaultFileMode, uid, gid);
                return;
            }
            ctx.Fs.WriteFile(path, data, DefaultFileMode, 0, 0);
        }
        for (var i = 0; i < file.Append.Count; i++)
        {
            // Fetched whole and verified before a byte is appended: a failed append leaves the file as it was.
            var data = ctx.Fetcher.Fetch(file.Append[i], $"append {i} of file {path}");
            ctx.Fs.EnsureParentDirectories(path);
            ctx.Fs.AppendFile(path, new MemoryStream(data, writable: false));
        }
        NodeOwnership.Apply(file, path, file.Mode, ctx);
    }

    public static void CreateDirectory(Provisioner.Config.Model.Directory directory, string path, FilesContext ctx)
    {
        var existing = ctx.Fs.Lstat(path);
        if (existing is null)
        {
            var (uid, gid) = NodeOwnership.Resolve(directory, ctx, 0, 0);
            ctx.Fs.CreateDirectories(path, (int?)directory.Mode ?? DefaultDirectoryMode, uid, gid);
            return;
        }
        if (existing.Type != NodeType.Directory)
        {
            throw new StageFailedException($"a non-directory ({Describe(existing)}) exists at {path} already and overwrite is false");
        }
        NodeOwnership.Apply(directory, path, directory.Mode, ctx);
    }

    public static void CreateLink(Link link, string path, FilesContext ctx)
    {
        var target = link.Target ?? "";
        var hard = link.Hard == true;
        // A hard link's target is a config path; a relative one is taken from the root, as Ignition does.
        var hardTarget = target.StartsWith('/') ? target : "/" + target;
        if (ctx.Fs.Lstat(path) is { } existing)
        {
            if (hard)
            {
                var targetNode = ctx.Fs.Lstat(hardTarget)
                    ?? throw new StageFailedException($"cannot check the hard link {path}: its target {target} does not exist");
                if (!existing.IsSameNode(targetNode))
                {
                    throw new StageFailedException($"a file already exists at {path} but is not the target {target}, and overwrite is false");
                }
                ctx.Log.Info($"hard link {path} to {target} already exists, doing nothing");
                return;
            }
            if (existing.Type != NodeType.Symlink)
            {
                throw new StageFailedException($"a non-symlink ({Describe(existing)}) already exists at {path} and overwrite is false");
            }
            if (LexicalPath.Clean(existing.LinkTarget!) != LexicalPath.Clean(target))
            {
                throw new StageFailedException($"a symlink exists at {path} but points to {existing.LinkTarget}, not {target}, and overwrite is false");
            }
            ctx.Log.Info($"symlink {path} to {target} already exists, doing nothing");
            return;
        }
        ctx.Fs.EnsureParentDirectories(path);
        if (hard)
        {
            ctx.Fs.CreateHardLink(path, hardTarget);
            return;
        }
        ctx.Fs.CreateSymlink(path, target, 0, 0);
        NodeOwnership.Apply(link, path, mode: null, ctx);
    }

    private static string Describe(NodeInfo node) => node.Type switch
    {
        NodeType.Directory => "a directory",
        NodeType.Symlink => "a symlink to " + node.LinkTarget,
        NodeType.File => "a file",
        _ => "a device, FIFO or socket",
    };
}
