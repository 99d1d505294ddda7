namespace Provisioner.Config.Merging;

/// <summary>
/// How a list merges: items matched by a key (in a key space that several lists may share), or
/// simply concatenated for lists whose duplicates Ignition allows.
/// </summary>
internal sealed record ListRule(string? KeyProperty, string Space, bool Concatenate = false)
{
    /// <summary>
    /// Ignition's merge rules, by the list's property name (the names are unambiguous across the
    /// spec; <c>groups</c> holds objects under passwd and strings under a user, and the key function
    /// handles both).
    /// </summary>
    public static ListRule For(string property) => property switch
    {
        "append" or "options" or "mountOptions" => new ListRule(null, property, Concatenate: true),
        "merge" or "certificateAuthorities" => new ListRule("source", property),
        "httpHeaders" or "units" or "dropins" or "users" or "groups" or "raid" or "luks" => new ListRule("name", property),
        "disks" or "filesystems" => new ListRule("device", property),
        "tang" => new ListRule("url", property),
        "partitions" => new ListRule("number", property),
        // Files, directories and links are one key space: a child's directory at /x replaces a parent's file at /x.
        "files" or "directories" or "links" => new ListRule("path", "node"),
        "shouldExist" or "shouldNotExist" => new ListRule(null, "kernelArguments"),
        _ => new ListRule(null, property),
    };
}
