namespace Akademia.Webhooks.Grains.ClientErrors;

/// <summary>
/// One slot of the client-error ring: it holds one report, the one whose sequence number maps to it.
/// Silo-internal: public only for Orleans' code generator. The key is the slot number.
/// </summary>
[Alias("akademia.internal.IClientErrorSlotGrain")]
public interface IClientErrorSlotGrain : IGrainWithIntegerKey
{
    /// <summary>Stores <paramref name="error"/> as report number <paramref name="sequence"/>, replacing what the slot held.</summary>
    [Alias("StoreAsync")]
    Task StoreAsync(long sequence, ClientError error);

    /// <summary>Report number <paramref name="sequence"/>, or <c>null</c> when the slot holds another (or none).</summary>
    [Alias("GetAsync"), ReadOnly]
    Task<ClientError?> GetAsync(long sequence);
}
