using Akademia.Webhooks.Grains.Validation;

namespace Akademia.Webhooks.Grains.Events;

/// <summary>
/// The built-in event types of the specification plus those registered over the API.
/// </summary>
[GrainType("event-types")]
public sealed class EventTypeRegistryGrain(
    [PersistentState("event-types", StorageNames.Large)] IPersistentState<EventTypeRegistryState> state)
    : Grain, IEventTypeRegistryGrain, IEventTypeRegistryInternalGrain
{
    public static readonly IReadOnlyList<EventType> BuiltIn =
    [
        new("grade.created", "A new grade has been created", true),
        new("grade.updated", "An existing grade has been updated", true),
        new("grade.deleted", "A grade has been deleted", true),
        new("user.created", "A new user has been created", true),
        new("user.updated", "An existing user has been updated", true),
        new("user.deleted", "A user has been deleted", true),
        new("user.login", "User authentication event", true),
        new("announcement.created", "A new announcement has been created", true),
        new("announcement.updated", "An existing announcement has been updated", true),
        new("announcement.deleted", "An announcement has been deleted", true),
        new("message.created", "A new message has been created", true),
        new("message.read", "A message has been read", true),
        new(OperationalEvents.EndpointFailing, "An endpoint failed 4 attempts in a row (operational)", true),
        new(OperationalEvents.DeliveryExhausted, "A delivery used all its attempts and was dead-lettered (operational)", true),
        new(OperationalEvents.EndpointRecovered, "An endpoint succeeded again after failing (operational)", true),
        new(OperationalEvents.EndpointDisabled, "The platform disabled an endpoint (operational)", true),
        new(OperationalEvents.ApiKeyCreated, "An API key was created through the API (operational; never the key)", true),
        new(OperationalEvents.ApiKeyRevoked, "An API key was revoked (operational)", true),
    ];

    private static readonly Dictionary<string, EventType> BuiltInByName = BuiltIn.ToDictionary(t => t.Name, StringComparer.Ordinal);

    public Task<EventType[]> ListAsync() =>
        Task.FromResult(BuiltIn.Concat(state.State.Custom.Values).OrderBy(t => t.Name, StringComparer.Ordinal).ToArray());

    public async Task<EventType> RegisterAsync(string name, string? description)
    {
        var errors = new Dictionary<string, string>();
        if (FieldRules.CheckEventTypeName(name) is { } problem)
        {
            errors["name"] = problem;
        }

        FieldRules.CheckDescription(description, errors);
        FieldRules.ThrowIfAny(errors);

        if (Find(name) is { } existing)
        {
            return existing;
        }

        var created = new EventType(name, description, BuiltIn: false);
        var custom = new Dictionary<string, EventType>(state.State.Custom, StringComparer.Ordinal) { [name] = created };
        state.State = state.State with { Custom = custom };
        await state.WriteStateAsync();
        return created;
    }

    public Task<bool> IsKnownAsync(string name) => Task.FromResult(Find(name) is not null);

    public Task<string[]> GetKnownAsync(string[] names) => Task.FromResult(names.Where(n => Find(n) is not null).ToArray());

    private EventType? Find(string name) =>
        BuiltInByName.TryGetValue(name, out var builtIn) ? builtIn
        : state.State.Custom.TryGetValue(name, out var custom) ? custom
        : null;
}
