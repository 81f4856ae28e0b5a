namespace Akademia.Webhooks.Grains.Inbound;

/// <summary>Keys of the message logs (kept by the delivery-log grains, which page any id log newest first).</summary>
public static class InboundLogs
{
    /// <summary>Every message. Endpoint ids cannot contain <c>:</c>, so these keys never meet an endpoint's log.</summary>
    public const string All = "inbound:*";

    public static string OfSource(string sourceId) => "inbound:" + sourceId;
}
