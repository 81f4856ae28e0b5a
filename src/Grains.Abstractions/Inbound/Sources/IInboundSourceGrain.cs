namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// One inbound source; the key is its id.
/// </summary>
[Alias("akademia.IInboundSourceGrain")]
public interface IInboundSourceGrain : IGrainWithStringKey
{
    /// <summary>Creates the source. Throws <c>CONFLICT</c> if it exists, <see cref="ValidationFailedException"/> for bad input.</summary>
    [Alias("CreateAsync")]
    Task<InboundSource> CreateAsync(InboundSourceDefinition definition);

    /// <summary>The source, or <c>null</c> when it does not exist or was deleted.</summary>
    [Alias("GetAsync")]
    Task<InboundSource?> GetAsync();

    /// <summary>Applies a partial update. Throws <c>NOT_FOUND</c> when absent.</summary>
    [Alias("UpdateAsync")]
    Task<InboundSource> UpdateAsync(InboundSourcePatch patch);

    /// <summary>
    /// Deletes the source: its URL answers 404 from now on. Messages already accepted are still
    /// processed. Throws <c>NOT_FOUND</c> when absent.
    /// </summary>
    [Alias("DeleteAsync")]
    Task DeleteAsync();
}
