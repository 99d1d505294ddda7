using Provisioner.Engine.Stages.Disks;

namespace Provisioner.Engine.Tests.Stages.Disks;

public class SgdiskOutputTests
{
    private const string Print = """
        Disk /dev/vdb: 1048576 sectors, 512.0 MiB
        Sector size (logical/physical): 512/512 bytes
        Disk identifier (GUID): 0081D966-223D-4655-991E-72B1B1A8A997
        Partition table holds up to 128 entries

        Number  Start (sector)    End (sector)  Size       Code  Name
           1            2048          206847   100.0 MiB   8300  old data
          12          206848          309247   50.0 MiB    8300  
        """;

    private const string Info = """
        Partition GUID code: 0FC63DAF-8483-4772-8E79-3D69D8477DE4 (Linux filesystem)
        Partition unique GUID: ce527ad8-bf24-4c26-8804-a641e54cc893
        First sector: 2048 (at 1024.0 KiB)
        Last sector: 206847 (at 101.0 MiB)
        Partition size: 204800 sectors (100.0 MiB)
        Attribute flags: 0000000000000000
        Partition name: 'it's data'
        Partition GUID code: C12A7328-F81F-11D2-BA4B-00A0C93EC93B (EFI system partition)
        Partition unique GUID: 7448CE08-D413-4E17-865D-04F0FA260CAE
        First sector: 206848 (at 101.0 MiB)
        Last sector: 309247 (at 151.0 MiB)
        Partition size: 102400 sectors (50.0 MiB)
        Attribute flags: 0000000000000000
        Partition name: ''
        """;

    [Fact]
    public void Print_gives_the_partition_numbers_whatever_the_names()
    {
        Assert.Equal([1, 12], SgdiskOutput.Numbers(Print));
    }

    [Fact]
    public void Print_of_a_disk_without_partitions_gives_none()
    {
        Assert.Empty(SgdiskOutput.Numbers("Creating new GPT entries in memory.\nNumber  Start (sector)    End (sector)  Size       Code  Name\n"));
    }

    [Fact]
    public void Info_blocks_become_entries_with_upper_case_guids_and_sizes_in_sectors()
    {
        var parts = SgdiskOutput.Info(Info, [1, 12]);
        Assert.Equal(new ExistingPartition(1, 2048, 204800, "it's data", "CE527AD8-BF24-4C26-8804-A641E54CC893", "0FC63DAF-8483-4772-8E79-3D69D8477DE4"), parts[0]);
        Assert.Equal(new ExistingPartition(12, 206848, 102400, "", "7448CE08-D413-4E17-865D-04F0FA260CAE", "C12A7328-F81F-11D2-BA4B-00A0C93EC93B"), parts[1]);
    }

    [Fact]
    public void Info_with_fewer_blocks_than_asked_is_an_error()
    {
        Assert.Throws<FormatException>(() => SgdiskOutput.Info(Info, [1, 12, 13]));
    }

    [Fact]
    public void Pretend_gives_start_and_size_per_number_asked_in_order()
    {
        var dims = SgdiskOutput.Pretend(Info, [5, 3]);
        Assert.Equal((2048L, 204800L), dims[5]);
        Assert.Equal((206848L, 102400L), dims[3]);
    }

    [Fact]
    public void Pretend_with_more_blocks_than_asked_is_an_error()
    {
        Assert.Throws<FormatException>(() => SgdiskOutput.Pretend(Info, [5]));
    }

    [Fact]
    public void Pretend_with_a_block_cut_short_is_an_error()
    {
        Assert.Throws<FormatException>(() => SgdiskOutput.Pretend("First sector: 2048 (at 1024.0 KiB)\n", [1]));
    }
}
