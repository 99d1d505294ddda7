namespace Provisioner.Engine;

/// <summary>The names stages have on the command line and in logs (<c>fetch-offline</c>, <c>files</c>, ...).</summary>
public static class StageNames
{
    private static readonly (Stage Stage, string Name)[] Names =
    [
        (Stage.FetchOffline, "fetch-offline"),
        (Stage.Fetch, "fetch"),
        (Stage.Kargs, "kargs"),
        (Stage.Disks, "disks"),
        (Stage.Mount, "mount"),
        (Stage.Files, "files"),
        (Stage.Umount, "umount"),
    ];

    public static IEnumerable<string> All => Names.Select(n => n.Name);

    public static string Name(this Stage stage) => Array.Find(Names, n => n.Stage == stage).Name;

    public static bool TryParse(string name, out Stage stage)
    {
        foreach (var (s, n) in Names)
        {
            if (n == name)
            {
                stage = s;
                return true;
            }
        }
        stage = default;
        return false;
    }
}
