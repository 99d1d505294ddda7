namespace Provisioner.Engine.Logging;

/// <summary>syslog priorities, the journal's PRIORITY field: lower is more severe.</summary>
public enum LogLevel
{
    Emergency = 0,
    Alert = 1,
    Critical = 2,
    Error = 3,
    Warning = 4,
    Notice = 5,
    Info = 6,
    Debug = 7,
}
