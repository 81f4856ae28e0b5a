namespace Akademia.Webhooks.Grains.Events;

/// <summary>
/// The key of an event's grain. The default application's events keep their plain id, so events
/// stored before applications existed are found where they are; another application's are
/// <c>{applicationId}/{eventId}</c>, so that two applications may publish the same event id without
/// meeting. <c>/</c> is in neither an application id nor an event id, so the key parses back.
/// </summary>
public static class EventKeys
{
    public const char Separator = '/';

    public static string For(string applicationId, string eventId) =>
        applicationId == ApplicationIds.Default ? eventId : applicationId + Separator + eventId;

    public static (string ApplicationId, string EventId) Parse(string key) =>
        key.IndexOf(Separator, StringComparison.Ordinal) is var at and >= 0
            ? (key[..at], key[(at + 1)..])
            : (ApplicationIds.Default, key);
}
