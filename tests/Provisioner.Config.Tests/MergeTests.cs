using System.Text;
using Provisioner.Config.Merging;
using Provisioner.Config.Model;

namespace Provisioner.Config.Tests;

/// <summary>The merge rules of ignition.config.merge, case by case as the spec describes them.</summary>
public sealed class MergeTests
{
    private static Configuration Config(string body)
    {
        var json = "{\"ignition\":{\"version\":\"3.6.0\"}," + body + "}";
        var result = ConfigParser.Parse(Encoding.UTF8.GetBytes(json));
        Assert.True(result.IsValid, result.Report.ToString());
        return result.Config!;
    }

    private static Configuration Merge(string parent, string child) => ConfigMerger.Merge(Config(parent), Config(child));

    [Fact]
    public void AFieldSetInTheChildWinsAndOneLeftUnsetKeepsTheParentsValue()
    {
        var merged = Merge(
            """ "ignition":{"version":"3.6.0","timeouts":{"httpTotal":30,"httpResponseHeaders":5}} """,
            """ "ignition":{"version":"3.6.0","timeouts":{"httpTotal":60}} """);
        Assert.Equal(60, merged.Ignition.Timeouts.HttpTotal);
        Assert.Equal(5, merged.Ignition.Timeouts.HttpResponseHeaders);
    }

    [Fact]
    public void FilesWithTheSamePathAreMergedFieldByField()
    {
        var merged = Merge(
            """ "storage":{"files":[{"path":"/etc/a","mode":420,"contents":{"source":"data:,parent"}}]} """,
            """ "storage":{"files":[{"path":"/etc/a","mode":384,"user":{"id":1000}}]} """);
        var file = Assert.Single(merged.Storage.Files);
        Assert.Equal(384, file.Mode);
        Assert.Equal(1000, file.User.Id);
        Assert.Equal("data:,parent", file.Contents.Source);
    }

    [Fact]
    public void NewChildItemsAreAppendedAfterTheParentsInChildOrder()
    {
        var merged = Merge(
            """ "storage":{"files":[{"path":"/a"},{"path":"/b"}]} """,
            """ "storage":{"files":[{"path":"/d"},{"path":"/b","mode":256},{"path":"/c"}]} """);
        Assert.Equal(["/a", "/b", "/d", "/c"], merged.Storage.Files.Select(f => f.Path));
        Assert.Equal(256, merged.Storage.Files[1].Mode);
    }

    [Fact]
    public void FilesDirectoriesAndLinksShareOneKeySpace()
    {
        var merged = Merge(
            """ "storage":{"files":[{"path":"/x"},{"path":"/y"}]} """,
            """ "storage":{"directories":[{"path":"/x"}]} """);
        Assert.Equal(["/y"], merged.Storage.Files.Select(f => f.Path));
        Assert.Equal(["/x"], merged.Storage.Directories.Select(d => d.Path));
    }

    [Fact]
    public void AppendListsAndMkfsOptionsAreConcatenated()
    {
        var merged = Merge(
            """ "storage":{"files":[{"path":"/a","append":[{"source":"data:,1"}]}],"filesystems":[{"device":"/dev/vdb","format":"ext4","options":["-b","4096"]}]} """,
            """ "storage":{"files":[{"path":"/a","append":[{"source":"data:,2"}]}],"filesystems":[{"device":"/dev/vdb","format":"ext4","options":["-m","0"]}]} """);
        Assert.Equal(["data:,1", "data:,2"], merged.Storage.Files[0].Append.Select(a => a.Source));
        Assert.Equal(["-b", "4096", "-m", "0"], merged.Storage.Filesystems[0].Options);
        Assert.Equal("ext4", merged.Storage.Filesystems[0].Format);
    }

    [Fact]
    public void AChildCanMoveAKernelArgumentFromShouldExistToShouldNotExist()
    {
        var merged = Merge(
            """ "kernelArguments":{"shouldExist":["quiet","nosmt"]} """,
            """ "kernelArguments":{"shouldNotExist":["quiet"]} """);
        Assert.Equal(["nosmt"], merged.KernelArguments.ShouldExist);
        Assert.Equal(["quiet"], merged.KernelArguments.ShouldNotExist);
    }

    [Fact]
    public void AChildHeaderWithANullValueRemovesTheParentsHeader()
    {
        var merged = Merge(
            """ "storage":{"files":[{"path":"/a","contents":{"source":"https://example.com/a","httpHeaders":[{"name":"A","value":"1"},{"name":"B","value":"2"}]}}]} """,
            """ "storage":{"files":[{"path":"/a","contents":{"source":"https://example.com/a","httpHeaders":[{"name":"A","value":null},{"name":"B","value":"3"},{"name":"C","value":"4"}]}}]} """);
        var headers = merged.Storage.Files[0].Contents.HttpHeaders;
        Assert.Equal(["B=3", "C=4"], headers.Select(h => $"{h.Name}={h.Value}"));
        Assert.Equal("https://example.com/a", merged.Storage.Files[0].Contents.Source);
    }

    [Fact]
    public void PartitionsMatchByNumberOrElseByLabel()
    {
        var merged = Merge(
            """ "storage":{"disks":[{"device":"/dev/vda","partitions":[{"number":1,"label":"boot","sizeMiB":100},{"label":"data","sizeMiB":10}]}]} """,
            """ "storage":{"disks":[{"device":"/dev/vda","wipeTable":true,"partitions":[{"number":1,"sizeMiB":200},{"label":"data","sizeMiB":0}]}]} """);
        var disk = Assert.Single(merged.Storage.Disks);
        Assert.True(disk.WipeTable);
        Assert.Equal(["boot:200", "data:0"], disk.Partitions.Select(p => $"{p.Label}:{p.SizeMiB}"));
    }

    [Fact]
    public void StringListsAreUnitedInOrder()
    {
        var merged = Merge(
            """ "passwd":{"users":[{"name":"core","sshAuthorizedKeys":["ssh-ed25519 A","ssh-ed25519 B"],"groups":["wheel"]}]} """,
            """ "passwd":{"users":[{"name":"core","sshAuthorizedKeys":["ssh-ed25519 C","ssh-ed25519 A"],"shell":"/bin/zsh"}]} """);
        var user = Assert.Single(merged.Passwd.Users);
        Assert.Equal(["ssh-ed25519 A", "ssh-ed25519 B", "ssh-ed25519 C"], user.SshAuthorizedKeys);
        Assert.Equal(["wheel"], user.Groups);
        Assert.Equal("/bin/zsh", user.Shell);
    }

    [Fact]
    public void UnitsMergeByNameAndTheirDropinsByName()
    {
        var merged = Merge(
            """ "systemd":{"units":[{"name":"a.service","contents":"[Service]\nExecStart=/bin/true\n[Install]\nWantedBy=multi-user.target\n","dropins":[{"name":"10.conf","contents":"[Service]\n"}]}]} """,
            """ "systemd":{"units":[{"name":"a.service","enabled":true,"dropins":[{"name":"10.conf","contents":"[Unit]\n"},{"name":"20.conf","contents":""}]}]} """);
        var unit = Assert.Single(merged.Systemd.Units);
        Assert.True(unit.Enabled);
        Assert.StartsWith("[Service]", unit.Contents, StringComparison.Ordinal);
        Assert.Equal(["10.conf:[Unit]\n", "20.conf:"], unit.Dropins.Select(d => $"{d.Name}:{d.Contents}"));
    }

    [Fact]
    public void AnEmptyChildChangesNothing()
    {
        var merged = Merge(
            """ "storage":{"files":[{"path":"/a","mode":420}]},"passwd":{"users":[{"name":"core"}]} """,
            """ "storage":{} """);
        Assert.Equal(420, Assert.Single(merged.Storage.Files).Mode);
        Assert.Equal("core", Assert.Single(merged.Passwd.Users).Name);
    }

    [Fact]
    public void AFalseInTheChildOverridesATrueInTheParent()
    {
        var merged = Merge(
            """ "systemd":{"units":[{"name":"a.service","enabled":true,"mask":true}]} """,
            """ "systemd":{"units":[{"name":"a.service","enabled":false}]} """);
        var unit = Assert.Single(merged.Systemd.Units);
        Assert.False(unit.Enabled);
        Assert.True(unit.Mask);
    }
}
