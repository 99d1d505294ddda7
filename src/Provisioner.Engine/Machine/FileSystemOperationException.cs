namespace Provisioner.Engine.Machine;

/// <summary>
/// An operation of the rooted file system failed. The message is ours in full ("cannot write file
/// /etc/hostname: no such file or directory"): the native binary carries no framework texts.
/// </summary>
public sealed class FileSystemOperationException : Exception
{
    public FileSystemOperationException(string operation, string path, string reason, int errno = 0)
        : base("cannot " + operation + " " + path + ": " + reason)
    {
        Operation = operation;
        Path = path;
        Reason = reason;
        Errno = errno;
    }

    /// <summary>What was attempted, e.g. "write file".</summary>
    public string Operation { get; }

    /// <summary>The config path as given (absolute, interpreted under the root).</summary>
    public string Path { get; }

    /// <summary>Why it failed, in plain words.</summary>
    public string Reason { get; }

    /// <summary>The Linux errno behind the failure, or 0 when it was refused without a system call.</summary>
    public int Errno { get; }
}
