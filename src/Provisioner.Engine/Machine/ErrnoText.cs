namespace Provisioner.Engine.Machine;

/// <summary>Plain words for the errno values a file operation can meet; written here, not taken from libc.</summary>
internal static class ErrnoText
{
    /// <summary>Describes <paramref name="errno"/>; <paramref name="resolving"/> is true for path lookups under the root.</summary>
    public static string Describe(int errno, bool resolving = false) => errno switch
    {
        Interop.ENoEnt => "no such file or directory",
        Interop.EExist => "a file or directory already exists there",
        Interop.ENotDir => "a component of the path is not a directory",
        Interop.EIsDir => "is a directory",
        Interop.EAcces or Interop.EPerm => "permission denied",
        Interop.ELoop => "too many levels of symbolic links",
        Interop.EXDev when resolving => "the path would leave the root",
        Interop.EXDev => "the two paths are on different file systems",
        Interop.ENoSpc => "no space left on the device",
        Interop.EDQuot => "disk quota exceeded",
        Interop.ERoFs => "the file system is read-only",
        Interop.ENotEmpty => "the directory is not empty",
        Interop.EBusy => "the node is busy (a mount point or in use)",
        Interop.ENameTooLong => "the name is too long",
        Interop.EInval => "invalid argument",
        Interop.EIo => "input/output error",
        Interop.EMLink => "too many links",
        Interop.EFBig => "the file is too large",
        Interop.ETxtBsy => "the file is being executed",
        Interop.ENxIo => "no reader or device behind the node",
        Interop.EMFile => "too many open files",
        Interop.ENoMem => "out of memory",
        Interop.EOpNotSupp => "the operation is not supported",
        Interop.EAgain => "the path kept changing during lookup",
        Interop.ENoSys => "the kernel lacks the system call (openat2 needs Linux 5.6 or newer)",
        _ => "errno " + errno,
    };
}
