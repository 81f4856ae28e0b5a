namespace Akademia.Webhooks.Grains.Endpoints;

// Silo-internal grain interfaces: they are public only because Orleans' code generator needs them to
// be; they are not part of the Grains.Abstractions contract and may change between versions.

[Alias("akademia.internal.IEndpointIndexGrain")]
public interface IEndpointDirectoryInternalGrain : IGrainWithStringKey
{
    /// <summary>Lists the endpoint, or replaces its record; an older record never replaces a newer one.</summary>
    [Alias("UpsertAsync")]
    Task UpsertAsync(EndpointDetails endpoint);

    /// <summary>
    /// What an endpoint whose last change was not confirmed sends again: like <see cref="UpsertAsync"/>,
    /// but a no-op (no write) when the directory already lists this record or a newer one.
    /// </summary>
    [Alias("RepairAsync")]
    Task RepairAsync(EndpointDetails endpoint);

    /// <summary>
    /// Ids of the active, undeleted endpoints subscribed to <paramref name="eventType"/>. Throws
    /// <c>NOT_FOUND</c> when the application does not exist or was deleted, so that a publish to it
    /// costs no call of its own to the application.
    /// </summary>
    [Alias("GetSubscribersAsync"), ReadOnly]
    Task<string[]> GetSubscribersAsync(string eventType);

    /// <summary>Throws <c>NOT_FOUND</c> when the application does not exist or was deleted.</summary>
    [Alias("EnsureOpenAsync"), ReadOnly]
    Task EnsureOpenAsync();

    /// <summary>Marks the application created (idempotent).</summary>
    [Alias("OpenAsync")]
    Task OpenAsync();

    /// <summary>Marks the application deleted and answers the ids of its endpoints that are not deleted.</summary>
    [Alias("CloseAsync")]
    Task<string[]> CloseAsync();
}
