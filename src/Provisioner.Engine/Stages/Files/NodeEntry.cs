using Provisioner.Config.Model;

namespace Provisioner.Engine.Stages.Files;

/// <summary>
/// One entry of storage.files, directories or links: what ordering and describing it needs, and how to
/// load the whole entry when its turn comes (from the model, or from its bytes in the config cache, so
/// that thousands of file contents are never all in memory at once).
/// </summary>
public sealed record NodeEntry(NodeKind Kind, int Index, string Path, bool Hard, bool Overwrite, long? Mode, string? Target, Func<Node> Load)
{
    public string Source => Kind switch
    {
        NodeKind.File => $"$.storage.files.{Index}",
        NodeKind.Directory => $"$.storage.directories.{Index}",
        _ => $"$.storage.links.{Index}",
    };

    /// <summary>The entries of an in-memory config, in Ignition's planning order: directories, files, links.</summary>
    public static List<NodeEntry> FromStorage(Storage storage)
    {
        var entries = new List<NodeEntry>();
        for (var i = 0; i < storage.Directories.Count; i++)
        {
            var d = storage.Directories[i];
            entries.Add(new NodeEntry(NodeKind.Directory, i, d.Path, false, d.Overwrite == true, d.Mode, null, () => d));
        }
        for (var i = 0; i < storage.Files.Count; i++)
        {
            var f = storage.Files[i];
            entries.Add(new NodeEntry(NodeKind.File, i, f.Path, false, f.Overwrite == true, f.Mode, null, () => f));
        }
        for (var i = 0; i < storage.Links.Count; i++)
        {
            var l = storage.Links[i];
            entries.Add(new NodeEntry(NodeKind.Link, i, l.Path, l.Hard == true, l.Overwrite == true, null, l.Target, () => l));
        }
        return entries;
    }
}
