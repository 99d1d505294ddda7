namespace Provisioner.Engine.Providers;

/// <summary>
/// The kernel command line (IGNITION_KERNEL_CMDLINE_PATH overrides /proc/cmdline, as in Ignition), split
/// into words the way the kernel does: spaces separate, double quotes group.
/// </summary>
public sealed class KernelCommandLine
{
    public const string PathVariable = "IGNITION_KERNEL_CMDLINE_PATH";
    private readonly List<string> words;

    public KernelCommandLine(string text) => words = Split(text);

    public static KernelCommandLine Read(Func<string, string?> environment)
    {
        var path = environment(PathVariable);
        if (string.IsNullOrEmpty(path))
        {
            path = "/proc/cmdline";
        }
        return new KernelCommandLine(System.Text.Encoding.UTF8.GetString(HostFiles.Read(path, "the kernel command line")));
    }

    /// <summary>The value of the last <c>name=value</c> word, as the last one given wins; null when absent.</summary>
    public string? Value(string name)
    {
        string? found = null;
        foreach (var word in words)
        {
            if (word.Length > name.Length && word.StartsWith(name, StringComparison.Ordinal) && word[name.Length] == '=')
            {
                found = word[(name.Length + 1)..];
            }
        }
        return found;
    }

    private static List<string> Split(string text)
    {
        var result = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (current.Length > 0)
                {
                    result.Add(current.ToString());
                    current.Clear();
                }
            }
            else
            {
                current.Append(c);
            }
        }
        if (current.Length > 0)
        {
            result.Add(current.ToString());
        }
        return result;
    }
}
