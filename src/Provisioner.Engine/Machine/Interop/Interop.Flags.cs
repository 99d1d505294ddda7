using System.Runtime.InteropServices;

namespace Provisioner.Engine.Machine;

internal static partial class Interop
{
    internal const int AtFdCwd = -100;
    internal const int AtSymlinkNoFollow = 0x100;
    internal const int AtRemoveDir = 0x200;
    internal const int AtEmptyPath = 0x1000;

    internal const int ORdOnly = 0x0;
    internal const int OWrOnly = 0x1;
    internal const int OCreat = 0x40;
    internal const int OExcl = 0x80;
    internal const int OAppend = 0x400;
    internal const int ONonBlock = 0x800;
    internal const int OCloExec = 0x80000;
    internal const int OPath = 0x200000;

    // arm, arm64 and powerpc swap these two against the asm-generic values that x86_64 uses.
    private static readonly bool ArmStyleFlags = RuntimeInformation.ProcessArchitecture
        is Architecture.Arm or Architecture.Arm64 or Architecture.Ppc64le;

    internal static readonly int ODirectory = ArmStyleFlags ? 0x4000 : 0x10000;
    internal static readonly int ONoFollow = ArmStyleFlags ? 0x8000 : 0x20000;

    internal const uint SIfMt = 0xF000;
    internal const uint SIfDir = 0x4000;
    internal const uint SIfReg = 0x8000;
    internal const uint SIfLnk = 0xA000;
}
