using System.Text;

namespace Provisioner.Config.Validation;

/// <summary>
/// Go's <c>path</c> package (slash-separated paths, no OS semantics), which Ignition uses to judge
/// paths in a config. '/' and '.' are ASCII, so working on UTF-16 chars gives Go's byte results.
/// </summary>
internal static class GoPath
{
    public static bool IsAbs(string path) => path.StartsWith('/');

    /// <summary><c>path.Clean</c>: the shortest equivalent path, lexically.</summary>
    public static string Clean(string path)
    {
        if (path.Length == 0)
        {
            return ".";
        }
        var rooted = path[0] == '/';
        var n = path.Length;
        var output = new StringBuilder(n);
        int r = 0, dotdot = 0;
        if (rooted)
        {
            output.Append('/');
            r = 1;
            dotdot = 1;
        }
        while (r < n)
        {
            if (path[r] == '/')
            {
                r++;
            }
            else if (path[r] == '.' && (r + 1 == n || path[r + 1] == '/'))
            {
                r++;
            }
            else if (path[r] == '.' && path[r + 1] == '.' && (r + 2 == n || path[r + 2] == '/'))
            {
                r += 2;
                if (output.Length > dotdot)
                {
                    // Go backs up to the last separator after dotdot, dropping it as well.
                    var w = output.Length - 1;
                    while (w > dotdot && output[w] != '/')
                    {
                        w--;
                    }
                    output.Length = w;
                }
                else if (!rooted)
                {
                    if (output.Length > 0)
                    {
                        output.Append('/');
                    }
                    output.Append("..");
                    dotdot = output.Length;
                }
            }
            else
            {
                if ((rooted && output.Length != 1) || (!rooted && output.Length != 0))
                {
                    output.Append('/');
                }
                for (; r < n && path[r] != '/'; r++)
                {
                    output.Append(path[r]);
                }
            }
        }
        return output.Length == 0 ? "." : output.ToString();
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
