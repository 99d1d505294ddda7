using Provisioner.Config.Model;

namespace Provisioner.Engine.Stages.Files;

/// <summary>
/// Orders storage.files, directories and links as Ignition does: each path is resolved through the
/// symlinks already in the root, two entries landing on the same node are an error, then shallow before
/// deep (stable, so entries of one depth keep config order), hard links last so they may name any node
/// the config creates.
/// </summary>
public static class NodeSteps
{
    public static List<FilesStep> Plan(IReadOnlyList<NodeEntry> nodes, FilesContext ctx)
    {
        var ordered = new List<(NodeEntry Entry, string Resolved)>();
        var hardLinks = new List<(NodeEntry Entry, string Resolved)>();
        var claimed = new Dictionary<string, string>(StringComparer.Ordinal);
        var resolve = ctx.Fs.PathResolver();
        foreach (var entry in nodes.OrderBy(e => e.Kind switch { NodeKind.Directory => 0, NodeKind.File => 1, _ => 2 }))
        {
            string resolved;
            try
            {
                resolved = resolve(entry.Path);
            }
            catch (Machine.FileSystemOperationException e)
            {
                throw new StageFailedException($"{entry.Source}: {e.Message}");
            }
            if (claimed.TryGetValue(resolved, out var other))
            {
                var kind = entry.Kind.ToString().ToLowerInvariant();
                throw new StageFailedException(
                    $"{entry.Source}: the {kind} at {entry.Path} resolves to {resolved} after following symlinks in the root, where the entry with path {other} also goes");
            }
            claimed[resolved] = entry.Path;
            (entry.Hard ? hardLinks : ordered).Add((entry, resolved));
        }
        return [.. ordered.OrderBy(e => Depth(e.Resolved)).Concat(hardLinks).Select(e => Step(e.Entry, ctx))];
    }

    /// <summary>Applies one entry the way Ignition does: mark for relabelling, clear it on overwrite, create it.</summary>
    private static FilesStep Step(NodeEntry entry, FilesContext ctx)
    {
        var path = entry.Path;
        var description = entry.Kind switch
        {
            NodeKind.File => $"write file {path}{DescribeMode(entry.Mode)}",
            NodeKind.Directory => $"create directory {path}{DescribeMode(entry.Mode)}",
            _ when entry.Hard => $"create hard link {path} to {entry.Target}",
            _ => $"create symlink {path} -> {entry.Target}",
        };
        if (entry.Overwrite)
        {
            description += " (replacing what is there)";
        }
        return new FilesStep(description, entry.Source, () =>
        {
            ctx.Relabeler.MarkFirstMissing(ctx.Fs, path);
            if (entry.Overwrite)
            {
                ctx.Fs.Remove(path, recursive: true);
            }
            switch (entry.Load())
            {
                case Provisioner.Config.Model.File f:
                    NodeWriter.WriteFile(f, path, ctx);
                    break;
                case Provisioner.Config.Model.Directory d:
                    NodeWriter.CreateDirectory(d, path, ctx);
                    break;
                case Link l:
                    NodeWriter.CreateLink(l, path, ctx);
                    break;
            }
        });
    }

    private static string DescribeMode(long? mode) =>
        mode is { } m ? " mode 0" + Convert.ToString(m, 8) : "";

    private static int Depth(string path) => path.Count(c => c == '/') - (path == "/" ? 1 : 0);
}
