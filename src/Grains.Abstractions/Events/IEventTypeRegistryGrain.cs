namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// The registry of event types: the built-in ones plus those registered. Use key <see cref="Key"/>.
/// </summary>
[Alias("akademia.IEventTypeRegistryGrain")]
public interface IEventTypeRegistryGrain : IGrainWithStringKey
{
    /// <summary>The only key in use.</summary>
    const string Key = "default";

    /// <summary>Every known type, by name.</summary>
    [Alias("ListAsync")]
    Task<EventType[]> ListAsync();

    /// <summary>Registers a type; registering a known name again returns it unchanged.</summary>
    [Alias("RegisterAsync")]
    Task<EventType> RegisterAsync(string name, string? description);
}
