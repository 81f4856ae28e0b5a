namespace Akademia.Webhooks.Grains.Persistence;

/// <summary>
/// Group commit for a reentrant grain: changes queued while a write runs share the next one, and every
/// caller's task completes when the write that carried its change does (or fails with it). At most one
/// write runs at a time. <c>flush</c> takes the queued changes itself and writes them.
/// </summary>
public sealed class GroupCommit(Func<Task> flush)
{
    private TaskCompletionSource? _next;
    private bool _flushing;

    /// <summary>A task that completes once a write started after this call has stored what is queued now.</summary>
    public Task CommitAsync()
    {
        var flushed = _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_flushing)
        {
            _ = LoopAsync();
        }

        return flushed.Task;
    }

    private async Task LoopAsync()
    {
        _flushing = true;
        try
        {
            while (_next is { } flushed)
            {
                _next = null;
                try
                {
                    await flush();
                    flushed.SetResult();
                }
                catch (Exception ex)
                {
                    flushed.SetException(ex);
                }
            }
        }
        finally
        {
            _flushing = false;
        }
    }
}
