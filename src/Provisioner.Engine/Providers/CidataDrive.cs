namespace Provisioner.Engine.Providers;

/// <summary>
/// The bounded wait of ibmcloud and proxmoxve for their <c>cidata</c> drive: whatever goes wrong (no drive
/// in time, a mount that fails) is logged and the boot goes on without a config, as in Ignition.
/// </summary>
public static class CidataDrive
{
    public static byte[] Read(ProviderContext context, string device, TimeSpan wait, Func<string, byte[]?> read)
    {
        var drive = new ConfigDrive(context);
        using var deadline = new CancellationTokenSource(wait);
        try
        {
            drive.WaitFor(device, deadline.Token);
        }
        catch (OperationCanceledException)
        {
            context.Log.Error($"timed out while fetching config from config drive (cidata)");
            context.Log.Info($"cidata drive was not available in time ({wait.TotalSeconds:0} s). Continuing without a config...");
            return [];
        }
        try
        {
            return drive.Read(device, read) ?? [];
        }
        catch (StageFailedException e)
        {
            context.Log.Error($"failed to fetch config from config drive (cidata): {e.Message}. Continuing without a config...");
            return [];
        }
    }
}
