namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// The cluster-wide log of client errors: the most recent ones (1,000 unless configured with
/// <c>ClientErrors:Capacity</c>), oldest dropped first. Each is also counted in the integration
/// monitor with code <see cref="ClientErrorCode"/>. Use key <see cref="Key"/>.
/// </summary>
[Alias("akademia.IClientErrorLogGrain")]
public interface IClientErrorLogGrain : IGrainWithStringKey
{
    /// <summary>The only key in use.</summary>
    const string Key = "default";

    /// <summary>The code client errors are counted under in the integration monitor.</summary>
    const string ClientErrorCode = "CLIENT_ERROR";

    /// <summary>
    /// Validates and stores a report. Throws <see cref="ValidationFailedException"/> naming each bad
    /// member (<c>message</c>, <c>stack</c>, <c>url</c>, <c>userAgent</c>, <c>timestamp</c>, <c>context</c>).
    /// </summary>
    [Alias("RecordAsync")]
    Task<ClientError> RecordAsync(ClientErrorReport report);

    /// <summary>The most recent errors, newest first. <paramref name="limit"/> is 1–100.</summary>
    [Alias("ListAsync"), ReadOnly]
    Task<ClientError[]> ListAsync(int limit);
}
