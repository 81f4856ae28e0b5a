using Akademia.Webhooks.Grains.Endpoints;
using Akademia.Webhooks.Grains.Validation;
using Microsoft.Extensions.Logging;

namespace Akademia.Webhooks.Grains.Applications;

/// <summary>
/// One application. Creation opens the application's endpoint directory (which then answers its
/// publishes), stores the application, then lists it; deletion closes the directory, so no further
/// publish fans out, and soft-deletes each of its endpoints. A reminder armed before the cascade
/// finishes it should the call time out or the silo die part way.
/// </summary>
[GrainType("application")]
public sealed partial class ApplicationGrain(
    [PersistentState("application", StorageNames.Webhooks)] IPersistentState<ApplicationState> state,
    TimeProvider timeProvider,
    ILogger<ApplicationGrain> logger)
    : Grain, IApplicationGrain, IRemindable
{
    public const string CascadeReminder = "delete-endpoints";

    private string Id => this.GetPrimaryKeyString();

    private bool IsDefault => Id == ApplicationIds.Default;

    private Application? Live => state.State.Application is { DeletedAt: null } application ? application : null;

    private IEndpointDirectoryInternalGrain Endpoints => GrainFactory.GetGrain<IEndpointDirectoryInternalGrain>(Id);

    public async Task<Application> CreateAsync(ApplicationDefinition definition)
    {
        FieldRules.ThrowIfAny(ApplicationRules.CheckDefinition(Id, definition));
        if (IsDefault || state.State.Application is not null)
        {
            throw new WebhookPlatformException(ErrorCodes.Conflict, $"Application '{Id}' already exists.");
        }

        var application = ApplicationRules.Create(Id, definition, timeProvider.GetUtcNow());

        // Opened first: once the application is stored, publishing to it must work. A crash before the
        // write leaves an open directory without an application, which no route reaches.
        await Endpoints.OpenAsync();
        await WriteAsync(state.State with { Application = application });
        await ListAsync(application);
        LogCreated(logger, Id);
        return application;
    }

    public async Task<Application?> GetAsync() => IsDefault ? await DefaultAsync() : Live;

    public async Task<Application> UpdateAsync(ApplicationPatch patch)
    {
        var current = (IsDefault ? await DefaultAsync() : Live) ?? throw NotFound();
        FieldRules.ThrowIfAny(ApplicationRules.CheckPatch(patch));
        var updated = ApplicationRules.Apply(current, patch, timeProvider.GetUtcNow());
        await WriteAsync(state.State with { Application = updated });
        await ListAsync(updated);
        return updated;
    }

    public async Task DeleteAsync()
    {
        if (IsDefault)
        {
            throw new WebhookPlatformException(ErrorCodes.Conflict, "The default application cannot be deleted.");
        }

        var current = Live ?? throw NotFound();
        var now = timeProvider.GetUtcNow();
        var deleted = current with { DeletedAt = now, UpdatedAt = now };
        await this.RegisterOrUpdateReminder(CascadeReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        await WriteAsync(state.State with { Application = deleted });
        await ListAsync(deleted);
        await CascadeAsync();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == CascadeReminder)
        {
            await CascadeAsync();
        }
    }

    // Closed before the endpoints go: from here no publish fans out to them, and each endpoint's own
    // deletion cancels the deliveries it still has pending. Repeatable: closing again answers the
    // endpoints still live.
    private async Task CascadeAsync()
    {
        var endpointIds = await Endpoints.CloseAsync();
        foreach (var chunk in endpointIds.Chunk(32))
        {
            await Task.WhenAll(chunk.Select(DeleteEndpointAsync));
        }

        if (await this.GetReminder(CascadeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        LogDeleted(logger, Id, endpointIds.Length);
    }

    private async Task DeleteEndpointAsync(string endpointId)
    {
        try
        {
            await GrainFactory.GetGrain<IEndpointGrain>(endpointId).DeleteAsync();
        }
        catch (WebhookPlatformException ex) when (ex.Code == ErrorCodes.NotFound)
        {
            // Deleted meanwhile by its own route: the outcome is the same.
        }
    }

    // The default application exists before anyone creates it; it is stored the first time it is read,
    // so that its creation time stays the same across activations.
    private async Task<Application> DefaultAsync()
    {
        if (state.State.Application is { } stored)
        {
            return stored;
        }

        var application = ApplicationRules.ImplicitDefault(timeProvider.GetUtcNow());
        await WriteAsync(state.State with { Application = application });
        return application;
    }

    // The default application is listed first by the directory itself, never on a page.
    private async Task ListAsync(Application application)
    {
        if (IsDefault)
        {
            return;
        }

        if (state.State.Page is { } page)
        {
            await GrainFactory.GetGrain<IApplicationPageGrain>(page).UpdateAsync(application);
            return;
        }

        var listedOn = await GrainFactory.GetGrain<IApplicationDirectoryInternalGrain>(IApplicationDirectoryGrain.Key).AddAsync(application);
        await WriteAsync(state.State with { Page = listedOn });
    }

    private Task WriteAsync(ApplicationState next)
    {
        state.State = next;
        return state.WriteStateAsync();
    }

    private WebhookPlatformException NotFound() => new(ErrorCodes.NotFound, $"Application '{Id}' not found.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Application {ApplicationId} created")]
    private static partial void LogCreated(ILogger logger, string applicationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Application {ApplicationId} deleted with {Endpoints} endpoints")]
    private static partial void LogDeleted(ILogger logger, string applicationId, int endpoints);
}
