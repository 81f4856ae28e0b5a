namespace Akademia.Webhooks.Grains.Endpoints;

/// <summary>
/// An operational event the endpoint's health calls for. <paramref name="Occasion"/> identifies it (with the
/// endpoint), so a repeated report announces nothing new; the endpoint adds its id to <paramref name="Data"/>.
/// </summary>
public sealed record EndpointHealthEvent(string Type, DateTimeOffset Occasion, Dictionary<string, object?> Data);
