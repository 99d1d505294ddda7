using System.Runtime.InteropServices;

namespace Provisioner.Engine.Machine;

internal static partial class Interop
{
    internal const uint MfdCloExec = 0x1;
    internal const uint MfdAllowSealing = 0x2;

    internal const int FAddSeals = 1033;
    internal const int FGetSeals = 1034;

    internal const int FSealSeal = 0x1;
    internal const int FSealShrink = 0x2;
    internal const int FSealGrow = 0x4;
    internal const int FSealWrite = 0x8;

    [LibraryImport("libc", EntryPoint = "memfd_create", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int MemfdCreate(string name, uint flags);

    // fcntl is variadic; the seal commands take one int, which every Linux ABI passes like a fixed argument.
    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    internal static partial int Fcntl(int fd, int command, int argument);
}
