using System.Runtime.InteropServices;

namespace Provisioner.Engine.Machine;

/// <summary>An owned file descriptor, closed once even if the owner forgets to dispose it.</summary>
internal sealed class SafeFd : SafeHandle
{
    public SafeFd()
        : base(-1, ownsHandle: true)
    {
    }

    internal SafeFd(int fd)
        : base(-1, ownsHandle: true) => SetHandle(fd);

    public override bool IsInvalid => handle < 0;

    /// <summary>The raw descriptor, valid while this handle is not disposed.</summary>
    internal int Value => (int)handle;

    protected override bool ReleaseHandle() => Interop.Close((int)handle) == 0;
}
