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
    public static List<FilesStep> Plan(Storage storage, FilesContext ctx)
    {
        var entries = new List<(Node Node, string Source, string Resolved)>();
        var hardLinks = new List<(Node Node, string Source, string Resolved)>();
        var claimed = new Dictionary<string, string>(StringComparer.Ordinal);

        void Add(Node node, string kind, string source, bool last)
        {
            var resolved = ctx.Fs.ResolvePath(node.Path);
            if (claimed.TryGetValue(resolved, out var other))
            {
                throw new StageFailedException(
                    $"{source}: the {kind} at {node.Path} resolves to {resolved} after following symlinks in the root, where the entry with path {other} also goes");
            }
            claimed[resolved] = node.Path;
            (last ? hardLinks : entries).Add((node, source, resolved));
        }

        for (var i = 0; i < storage.Directories.Count; i++)
        {
            Add(storage.Directories[i], "directory", $"$.storage.directories.{i}", last: false);
        }
        for (var i = 0; i < storage.Files.Count; i++)
        {
            Add(storage.Files[i], "file", $"$.storage.files.{i}", last: false);
        }
        for (var i = 0; i < storage.Links.Count; i++)
        {
            Add(storage.Links[i], "link", $"$.storage.links.{i}", last: storage.Links[i].Hard == true);
        }

        return [.. entries.OrderBy(e => Depth(e.Resolved)).Concat(hardLinks).Select(e => Step(e.Node, e.Source, ctx))];
    }

    /// <summary>Applies one entry the way Ignition does: mark for relabelling, clear it on overwrite, create it.</summary>
    private static FilesStep Step(Node node, string source, FilesContext ctx)
    {
        var path = node.Path;
        var (description, create) = node switch
        {
            Provisioner.Config.Model.File f => (DescribeFile(f), (Action)(() => NodeWriter.WriteFile(f, path, ctx))),
            Provisioner.Config.Model.Directory d => ($"create directory {path}{DescribeMode(d.Mode)}", () => NodeWriter.CreateDirectory(d, path, ctx)),
            Link { Hard: true } l => ($"create hard link {path} to {l.Target}", () => NodeWriter.CreateLink(l, path, ctx)),
            Link l => ($"create symlink {path} -> {l.Target}", (Action)(() => NodeWriter.CreateLink(l, path, ctx))),
            _ => throw new InvalidOperationException("unknown node type"),
        };
        if (node.Overwrite == true)
        {
            description += " (replacing what is there)";
        }
        return new FilesStep(description, source, () =>
        {
            ctx.Relabeler.MarkFirstMissing(ctx.Fs, path);
            if (node.Overwrite == true)
            {
                ctx.Fs.Remove(path, recursive: true);
            }
            create();
        });
    }

    private static string DescribeFile(Provisioner.Config.Model.File file)
    {
        var what = file.Contents.Source is null ? "ensure file" : "write file";
        var appends = file.Append.Count > 0 ? $", {file.Append.Count} append(s)" : "";
        return $"{what} {file.Path}{DescribeMode(file.Mode)}{appends}";
    }

    private static string DescribeMode(long? mode) =>
        mode is { } m ? " mode 0" + Convert.ToString(m, 8) : "";

    private static int Depth(string path) => path.Count(c => c == '/') - (path == "/" ? 1 : 0);
}
