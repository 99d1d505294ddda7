namespace Provisioner.Config.Validation;

/// <summary>
/// Slash-separated paths judged lexically, with no file system involved, as Ignition judges the
/// paths of a config (Go's <c>path</c> package semantics).
/// </summary>
public static class LexicalPath
{
    public static bool IsAbs(string path) => path.StartsWith('/');

    /// <summary>
    /// The shortest lexically equivalent path, by the rules Go's <c>path.Clean</c> documents: no empty
    /// or "." elements, each ".." removes the element before it (and is dropped at the root), "." if
    /// nothing is left.
    /// </summary>
    public static string Clean(string path)
    {
        if (path.Length == 0)
        {
            return ".";
        }
        var rooted = path[0] == '/';
        var kept = new List<string>();
        foreach (var element in path.Split('/'))
        {
            if (element is "" or ".")
            {
                continue;
            }
            if (element == "..")
            {
                if (kept.Count > 0 && kept[^1] != "..")
                {
                    kept.RemoveAt(kept.Count - 1);
                }
                else if (!rooted)
                {
                    kept.Add("..");
                }
                continue;
            }
            kept.Add(element);
        }
        var joined = string.Join('/', kept);
        return rooted ? "/" + joined : joined.Length == 0 ? "." : joined;
    }

    /// <summary>
    /// <c>Clean(path) == path</c> for an absolute path, without building the cleaned path: "/" or
    /// segments that are neither empty, "." nor "..", and no trailing slash.
    /// </summary>
    public static bool IsCleanAbsolute(string path)
    {
        if (path == "/")
        {
            return true;
        }
        var segmentStart = 1;
        for (var i = 1; i <= path.Length; i++)
        {
            if (i < path.Length && path[i] != '/')
            {
                continue;
            }
            var segment = path.AsSpan(segmentStart, i - segmentStart);
            if (segment.Length == 0 || segment is "." || segment is "..")
            {
                return false;
            }
            segmentStart = i + 1;
        }
        return true;
    }

    /// <summary><c>path.Join</c> of two elements.</summary>
    public static string Join(string a, string b)
    {
        if (a.Length > 0)
        {
            return Clean(a + "/" + b);
        }
        return b.Length > 0 ? Clean(b) : "";
    }

    /// <summary><c>path.Ext</c>: the suffix from the last '.' of the last element, or "".</summary>
    public static string Ext(string path)
    {
        for (var i = path.Length - 1; i >= 0 && path[i] != '/'; i--)
        {
            if (path[i] == '.')
            {
                return path[i..];
            }
        }
        return "";
    }
}
