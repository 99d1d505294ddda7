using System.Text.Json;

namespace Provisioner.Engine.State;

/// <summary>The state file between stages: absent means a fresh state; written 0600 in a 0700 directory, as Ignition does.</summary>
public static class StateFile
{
    public static EngineState Load(string path)
    {
        // Absent is the common case (the first stage): looked at first, since a thrown exception costs much cold.
        if (!Path.Exists(path))
        {
            return new EngineState();
        }
        byte[] data;
        try
        {
            data = System.IO.File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new EngineState();
        }
        try
        {
            return StateJson.Read(data);
        }
        catch (JsonException e)
        {
            throw new StageFailedException($"the state file {path} is not valid JSON: {e.Message}");
        }
        catch (InvalidDataException e)
        {
            throw new StageFailedException($"the state file {path} is not a valid state: {e.Message}");
        }
    }

    public static void Save(string path, EngineState state) =>
        HostFiles.WriteAtomically(path, StateJson.Write(state), UnixFileMode.UserRead | UnixFileMode.UserWrite, parentMode: UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
}
