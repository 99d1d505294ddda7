using System.Text.Json;

namespace Provisioner.Engine.State;

/// <summary>The state file between stages: absent means a fresh state; written 0600 in a 0700 directory, as Ignition does.</summary>
public static class StateFile
{
    public static EngineState Load(string path)
    {
        byte[] data;
        try
        {
            data = System.IO.File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return new EngineState();
        }
        catch (DirectoryNotFoundException)
        {
            return new EngineState();
        }
        try
        {
            return JsonSerializer.Deserialize(data, StateJsonContext.Default.EngineState) ?? new EngineState();
        }
        catch (JsonException e)
        {
            throw new StageFailedException($"the state file {path} is not valid JSON: {e.Message}");
        }
    }

    public static void Save(string path, EngineState state)
    {
        var data = JsonSerializer.SerializeToUtf8Bytes(state, StateJsonContext.Default.EngineState);
        HostFiles.WriteAtomically(path, [.. data, (byte)'\n'], UnixFileMode.UserRead | UnixFileMode.UserWrite, parentMode: UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
