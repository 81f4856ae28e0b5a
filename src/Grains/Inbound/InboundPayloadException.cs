namespace Akademia.Webhooks.Grains.Inbound;

/// <summary>A body that is not an event of its provider, or a provider without a processor. Never retried.</summary>
public sealed class InboundPayloadException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
