namespace Akademia.Webhooks.Grains.Deliveries;

/// <summary>
/// Raised from the connect step when the resolved address is not allowed.
/// </summary>
public sealed class ForbiddenDestinationException(string message) : Exception(message);
