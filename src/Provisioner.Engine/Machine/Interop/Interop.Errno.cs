namespace Provisioner.Engine.Machine;

internal static partial class Interop
{
    // Linux errno values; identical on x86_64 and aarch64.
    internal const int EPerm = 1;
    internal const int ENoEnt = 2;
    internal const int EIntr = 4;
    internal const int EIo = 5;
    internal const int ENxIo = 6;
    internal const int EBadF = 9;
    internal const int EAgain = 11;
    internal const int ENoMem = 12;
    internal const int EAcces = 13;
    internal const int EBusy = 16;
    internal const int EExist = 17;
    internal const int EXDev = 18;
    internal const int ENotDir = 20;
    internal const int EIsDir = 21;
    internal const int EInval = 22;
    internal const int EMFile = 24;
    internal const int ETxtBsy = 26;
    internal const int EFBig = 27;
    internal const int ENoSpc = 28;
    internal const int ERoFs = 30;
    internal const int EMLink = 31;
    internal const int ENameTooLong = 36;
    internal const int ENoSys = 38;
    internal const int ENotEmpty = 39;
    internal const int ELoop = 40;
    internal const int EOpNotSupp = 95;
    internal const int EDQuot = 122;
}
