namespace Akademia.Webhooks.Grains.Inbound;

/// <summary>The list of live sources, so that listing does not read every source grain.</summary>
[GrainType("inbound-source-directory")]
public sealed class InboundSourceDirectoryGrain(
    [PersistentState("inbound-source-directory", StorageNames.Large)] IPersistentState<InboundSourceDirectoryState> state)
    : Grain, IInboundSourceDirectoryGrain, IInboundSourceDirectoryInternalGrain
{
    public Task<InboundSource[]> ListAsync() => Task.FromResult(
        state.State.Sources.Values.OrderBy(s => s.CreatedAt).ThenBy(s => s.Id, StringComparer.Ordinal).ToArray());

    public async Task UpsertAsync(InboundSource source, bool deleted)
    {
        if (state.State.Sources.TryGetValue(source.Id, out var known) && known.UpdatedAt > source.UpdatedAt)
        {
            // A late, older summary must not overwrite a newer one.
            return;
        }

        var sources = new Dictionary<string, InboundSource>(state.State.Sources, StringComparer.Ordinal);
        if (deleted)
        {
            sources.Remove(source.Id);
        }
        else
        {
            sources[source.Id] = source;
        }

        state.State = state.State with { Sources = sources };
        await state.WriteStateAsync();
    }
}
