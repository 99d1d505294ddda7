using Provisioner.Config.Model;
using Provisioner.Engine.Stages.Disks;

namespace Provisioner.Engine.Tests.Stages.Disks;

public class PartitionPlannerTests
{
    private const string Linux = "0FC63DAF-8483-4772-8E79-3D69D8477DE4";
    private const string Esp = "C12A7328-F81F-11D2-BA4B-00A0C93EC93B";
    private const string Source = "$.storage.disks.0";
    private static readonly HashSet<int> NoneActive = [];

    private static PartitionTable Table(params ExistingPartition[] parts) => new(512, parts);

    private static ExistingPartition Existing(int number, long start, long size, string label = "", string guid = "11111111-2222-3333-4444-555555555555", string type = Linux) =>
        new(number, start, size, label, guid, type);

    // Resolve, then stand in for sgdisk --pretend: every inspected partition gets the geometry given (or start 2048, size 2048).
    private static PartitionPlan Plan(PartitionTable table, IReadOnlySet<int>? active = null, Dictionary<int, (long, long)>? pretend = null, params Partition[] config)
    {
        var specs = PartitionPlanner.Resolve(config, table);
        var (_, inspect) = PartitionPlanner.PretendArgs(specs, table, false, "/dev/vdb");
        PartitionPlanner.ApplyPretend(specs, inspect.ToDictionary(n => n, n => pretend?.GetValueOrDefault(n) ?? (2048L, 2048L)));
        return PartitionPlanner.Decide(specs, table, active ?? NoneActive, "/dev/vdb", Source);
    }

    [Fact]
    public void MiB_become_logical_sectors()
    {
        Assert.Equal(204800, PartitionPlanner.Sectors(100, 512));
        Assert.Equal(25600, PartitionPlanner.Sectors(100, 4096));
        Assert.Null(PartitionPlanner.Sectors(null, 512));
    }

    [Fact]
    public void A_blank_disk_gets_every_partition_in_one_commit()
    {
        var plan = Plan(Table(), config: [
            new Partition { Number = 1, Label = "boot", StartMiB = 1, SizeMiB = 100, TypeGuid = Esp, Guid = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee" },
            new Partition { Number = 2, Label = "data", StartMiB = 101, SizeMiB = 10 }]);
        Assert.All(plan.Decisions, d => Assert.Equal(PartitionAction.Create, d.Action));
        Assert.Equal(
            ["--new=1:2048:+204800", "--change-name=1:boot", "--typecode=1:" + Esp, "--partition-guid=1:aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
             "--new=2:206848:+20480", "--change-name=2:data"],
            plan.CommitArgs);
        Assert.Equal([1, 2], plan.PartxAdd);
        Assert.Equal("create partition 2 (label data, 10 MiB at sector 206848) on /dev/vdb", plan.Decisions[1].Description);
    }

    [Fact]
    public void Default_start_and_size_are_asked_of_sgdisk_pretend_with_labels_left_out()
    {
        var table = Table(Existing(1, 2048, 2048));
        var specs = PartitionPlanner.Resolve([new Partition { Number = 2, Label = "x\ny", SizeMiB = 0 }, new Partition { Number = 1 }], table);
        var (args, inspect) = PartitionPlanner.PretendArgs(specs, table, false, "/dev/vdb");
        Assert.Equal(["--pretend", "--delete=1", "--new=2:0:+0", "--new=1:2048:+2048", "--info=2", "/dev/vdb"], args);
        Assert.Equal([2], inspect);
    }

    [Fact]
    public void Pretend_for_a_wiped_table_clears_it_first()
    {
        var specs = PartitionPlanner.Resolve([new Partition { Number = 1 }], Table());
        var (args, _) = PartitionPlanner.PretendArgs(specs, Table(), true, "/dev/vdb");
        Assert.Equal(["--pretend", "--clear", "--mbrtogpt", "--new=1:0:+0", "--info=1", "/dev/vdb"], args);
    }

    [Fact]
    public void Number_zero_takes_the_lowest_free_numbers_after_the_numbered_entries()
    {
        var table = Table(Existing(1, 2048, 2048), Existing(3, 4096, 2048), Existing(4, 6144, 2048));
        var specs = PartitionPlanner.Resolve([
            new Partition { Label = "a" },
            new Partition { Number = 4, ShouldExist = false, WipePartitionEntry = true },
            new Partition { Number = 2, Label = "two" },
            new Partition { Label = "b" },
            new Partition { Label = "c" }], table);
        Assert.Equal([4, 2, 4, 5, 6], specs.Select(s => s.Number));
        Assert.Equal([1, 2, 0, 3, 4], specs.Select(s => s.Index));
        Assert.Equal(["two", "a", "b", "c"], specs.Where(s => s.ShouldExist).Select(s => s.Config.Label));
    }

    [Fact]
    public void A_matching_partition_is_kept_and_nothing_is_written()
    {
        var plan = Plan(Table(Existing(1, 2048, 204800, "root", type: Linux)), config:
            new Partition { Number = 1, Label = "root", StartMiB = 1, SizeMiB = 100, TypeGuid = Linux.ToLowerInvariant(), Guid = "11111111-2222-3333-4444-555555555555".ToUpperInvariant() });
        Assert.Equal(PartitionAction.Keep, Assert.Single(plan.Decisions).Action);
        Assert.Empty(plan.CommitArgs);
    }

    [Fact]
    public void Unset_start_and_size_of_an_existing_partition_mean_the_ones_it_has()
    {
        var plan = Plan(Table(Existing(1, 4096, 8192, "x")), config: new Partition { Number = 1, Label = "x" });
        var keep = Assert.Single(plan.Decisions);
        Assert.Equal(PartitionAction.Keep, keep.Action);
        Assert.Equal("keep partition 1 (label x, 4 MiB at sector 4096) on /dev/vdb: it matches", keep.Description);
    }

    [Theory]
    [InlineData(2, 100, null, null, null, "starting sector did not match (specified 2 MiB = sector 4096, got sector 2048)")]
    [InlineData(null, 50, null, null, null, "size did not match (specified 50 MiB = 102400 sectors, got 204800 sectors = 100 MiB)")]
    [InlineData(null, null, "other", null, null, "label did not match (specified \"other\", got \"root\")")]
    [InlineData(null, null, null, Esp, null, "type GUID did not match (specified " + Esp + ", got " + Linux + ")")]
    [InlineData(null, null, null, null, "99999999-2222-3333-4444-555555555555", "GUID did not match (specified 99999999-2222-3333-4444-555555555555, got 11111111-2222-3333-4444-555555555555)")]
    public void A_mismatch_without_wipePartitionEntry_fails_naming_the_entry_and_why(int? startMiB, int? sizeMiB, string? label, string? type, string? guid, string why)
    {
        var e = Assert.Throws<StageFailedException>(() => Plan(Table(Existing(2, 2048, 204800, "root")), config: [
            new Partition { Number = 1, SizeMiB = 1 },
            new Partition { Number = 2, StartMiB = startMiB, SizeMiB = sizeMiB, Label = label, TypeGuid = type, Guid = guid }]));
        Assert.Equal($"$.storage.disks.0.partitions.1: partition 2 on /dev/vdb didn't match: {why}; wipePartitionEntry is false: nothing was changed", e.Message);
    }

    [Fact]
    public void A_mismatch_with_wipePartitionEntry_is_deleted_and_made_anew()
    {
        var plan = Plan(Table(Existing(1, 2048, 2048, "old")), pretend: new() { [1] = (2048, 4096) }, config:
            new Partition { Number = 1, Label = "new", SizeMiB = 2, WipePartitionEntry = true });
        var d = Assert.Single(plan.Decisions);
        Assert.Equal(PartitionAction.Recreate, d.Action);
        Assert.Equal(["--delete=1", "--new=1:2048:+4096", "--change-name=1:new"], plan.CommitArgs);
        Assert.Equal([1], plan.PartxUpdate);
    }

    [Fact]
    public void Resize_keeps_start_guids_and_label_and_changes_only_the_size()
    {
        var plan = Plan(Table(Existing(1, 2048, 131072, "grow", type: Esp)), config:
            new Partition { Number = 1, Label = "grow", SizeMiB = 128, Resize = true });
        var d = Assert.Single(plan.Decisions);
        Assert.Equal(PartitionAction.Resize, d.Action);
        Assert.Equal((2048L, 262144L), (d.Start, d.Size));
        Assert.Equal(
            ["--delete=1", "--new=1:2048:+262144", "--change-name=1:grow", "--typecode=1:" + Esp, "--partition-guid=1:11111111-2222-3333-4444-555555555555"],
            plan.CommitArgs);
        Assert.Equal("resize partition 1 (label grow, 64 MiB at sector 2048) on /dev/vdb to 128 MiB, keeping its start, GUIDs and label", d.Description);
    }

    [Fact]
    public void Resize_does_not_excuse_another_mismatch()
    {
        var e = Assert.Throws<StageFailedException>(() => Plan(Table(Existing(1, 2048, 131072, "grow")), config:
            new Partition { Number = 1, Label = "other", SizeMiB = 128, Resize = true }));
        Assert.Contains("label did not match", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_not_exist_with_wipePartitionEntry_deletes_and_without_it_fails()
    {
        var table = Table(Existing(1, 2048, 2048), Existing(2, 4096, 2048, "goes"));
        var plan = Plan(table, config: [new Partition { Number = 2, ShouldExist = false, WipePartitionEntry = true }, new Partition { Number = 3, ShouldExist = false }]);
        Assert.Equal([PartitionAction.Delete, PartitionAction.Absent], plan.Decisions.Select(d => d.Action));
        Assert.Equal(["--delete=2"], plan.CommitArgs);
        Assert.Equal([2], plan.PartxDelete);
        Assert.Equal("delete partition 2 (label goes, 1 MiB at sector 4096) on /dev/vdb", plan.Decisions[0].Description);

        var e = Assert.Throws<StageFailedException>(() => Plan(table, config: new Partition { Number = 2, ShouldExist = false }));
        Assert.StartsWith("$.storage.disks.0.partitions.0: partition 2 exists on /dev/vdb but is specified as nonexistent and wipePartitionEntry is false", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deletions_come_before_creations_in_the_commit()
    {
        var plan = Plan(Table(Existing(2, 4096, 2048)), config: [
            new Partition { Number = 1, StartMiB = 1, SizeMiB = 1 },
            new Partition { Number = 2, ShouldExist = false, WipePartitionEntry = true }]);
        Assert.Equal(["--delete=2", "--new=1:2048:+2048"], plan.CommitArgs);
    }

    [Fact]
    public void A_should_not_exist_entry_gives_way_to_one_that_wants_the_number()
    {
        var plan = Plan(Table(Existing(1, 2048, 2048, "a")), config: [
            new Partition { Number = 1, ShouldExist = false },
            new Partition { Number = 1, Label = "a" }]);
        Assert.Equal([PartitionAction.Absent, PartitionAction.Keep], plan.Decisions.Select(d => d.Action));
        Assert.Empty(plan.CommitArgs);
    }

    [Fact]
    public void A_change_to_a_partition_in_use_is_refused_but_keeping_it_is_fine()
    {
        var table = Table(Existing(1, 2048, 2048, "busy"));
        var e = Assert.Throws<StageFailedException>(() => Plan(table, active: new HashSet<int> { 1 }, config: new Partition { Number = 1, Label = "busy", SizeMiB = 4, Resize = true }));
        Assert.StartsWith("$.storage.disks.0.partitions.0: refusing to modify active partition 1 on /dev/vdb", e.Message, StringComparison.Ordinal);

        var plan = Plan(table, active: new HashSet<int> { 1 }, config: new Partition { Number = 1, Label = "busy" });
        Assert.Equal(PartitionAction.Keep, Assert.Single(plan.Decisions).Action);
    }

    [Fact]
    public void A_default_size_is_described_with_what_sgdisk_chose()
    {
        var plan = Plan(Table(), pretend: new() { [1] = (2048, 1046495) }, config: new Partition { Number = 1, Label = "rest" });
        Assert.Equal("create partition 1 (label rest, 511.0 MiB at sector 2048) on /dev/vdb", Assert.Single(plan.Decisions).Description);
        Assert.Equal(["--new=1:2048:+1046495", "--change-name=1:rest"], plan.CommitArgs);
    }

    [Fact]
    public void With_4K_sectors_sizes_are_counted_in_4K_sectors()
    {
        var table = new PartitionTable(4096, [Existing(1, 256, 25600, "x")]);
        var specs = PartitionPlanner.Resolve([new Partition { Number = 1, Label = "x", StartMiB = 1, SizeMiB = 100 }], table);
        var plan = PartitionPlanner.Decide(specs, table, NoneActive, "/dev/sda", Source);
        Assert.Equal(PartitionAction.Keep, Assert.Single(plan.Decisions).Action);
    }
}
