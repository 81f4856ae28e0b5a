using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Akademia.Webhooks.Grains.Events;

/// <summary>
/// Publishes the platform's events about itself (<see cref="OperationalEvents"/>), for every grain
/// that has one to tell. One id scheme: <c>op_{type}_{occasion}</c>, so a repeat of the same occasion
/// (a retried report, a re-run tick) publishes nothing new; an id over the 128 characters event ids
/// allow is shortened to the occasion's SHA-256. An event about an endpoint goes to the endpoint's own
/// application, and never reaches that endpoint.
/// Never throws: the fact it reports (a dead letter, a disabled endpoint) stands either way.
/// </summary>
public sealed partial class OperationalEventEmitter(IGrainFactory grains, ILogger<OperationalEventEmitter> logger)
{
    public async Task EmitAsync(string type, string aboutEndpointId, string applicationId, string occasion, IReadOnlyDictionary<string, object?> data)
    {
        var eventId = EventId(type, occasion);
        try
        {
            await grains.GetGrain<IEventGrain>(EventKeys.For(applicationId, eventId)).PublishExcludingAsync(type, JsonSerializer.Serialize(data), aboutEndpointId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogEmitFailed(logger, type, eventId, aboutEndpointId, ex.Message);
        }
    }

    /// <summary>
    /// Publishes an event about no endpoint (an API key, say) in <paramref name="applicationId"/>: every
    /// subscriber of the type there receives it.
    /// </summary>
    public Task EmitAsync(string type, string applicationId, string occasion, IReadOnlyDictionary<string, object?> data) =>
        EmitAsync(type, aboutEndpointId: string.Empty, applicationId, occasion, data);

    /// <summary>A valid event id (letters, digits, <c>_</c>, <c>-</c>, <c>:</c>; at most 128) for the occasion.</summary>
    public static string EventId(string type, string occasion)
    {
        var prefix = "op_" + type.Replace('.', '_') + "_";
        var id = prefix + occasion;
        return id.Length <= 128 ? id : prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(occasion)));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operational event {Type} ({EventId}) about endpoint {EndpointId} not published: {Reason}")]
    private static partial void LogEmitFailed(ILogger logger, string type, string eventId, string endpointId, string reason);
}
