using System.Runtime.InteropServices;

namespace Provisioner.Engine.Machine;

internal static partial class Interop
{
    /// <summary>&lt;linux/cdrom.h&gt;: ask a CD-ROM drive whether it holds a readable disc.</summary>
    internal const nuint CdromDriveStatus = 0x5326;

    /// <summary>&lt;linux/cdrom.h&gt;: CDS_DISC_OK.</summary>
    internal const int CdsDiscOk = 4;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int Ioctl(int fd, nuint request, nint argument);
}
