namespace Provisioner.Engine;

/// <summary>
/// A stage cannot go on; the message is the one line that says what failed and where. Not sealed: a
/// kind a caller may want to tell apart (a resource that does not exist) derives from it, and whoever
/// does not care still sees a stage failure.
/// </summary>
public class StageFailedException(string message) : Exception(message);
