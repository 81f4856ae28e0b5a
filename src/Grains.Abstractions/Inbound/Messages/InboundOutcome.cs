namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>What became of an inbound request.</summary>
public enum InboundOutcome
{
    /// <summary>Verified and durably stored; it will be processed (HTTP 202).</summary>
    Accepted = 0,

    /// <summary>The same message was accepted before; it is not processed again (HTTP 200).</summary>
    Duplicate = 1,

    /// <summary>Refused: see <see cref="InboundReceipt.ErrorCode"/> (HTTP 401, 400 or 429).</summary>
    Rejected = 2,

    /// <summary>No such source (HTTP 404).</summary>
    UnknownSource = 3,
}
