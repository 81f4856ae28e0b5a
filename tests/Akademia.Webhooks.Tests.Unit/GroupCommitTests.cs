using Akademia.Webhooks.Grains.Persistence;

namespace Akademia.Webhooks.Tests.Unit;

public sealed class GroupCommitTests
{
    [Fact]
    public async Task CommitsQueuedWhileAWriteRunsShareTheNextWrite()
    {
        var writes = 0;
        var release = new TaskCompletionSource();
        var commit = new GroupCommit(async () =>
        {
            writes++;
            if (writes == 1)
            {
                await release.Task;
            }
        });

        var first = commit.CommitAsync();
        var second = commit.CommitAsync();
        var third = commit.CommitAsync();
        Assert.Same(second, third);
        Assert.False(first.IsCompleted);

        release.SetResult();
        await Task.WhenAll(first, second, third);

        Assert.Equal(2, writes);
    }

    [Fact]
    public async Task AFailedWriteFailsItsCallersAndTheNextCommitWritesAgain()
    {
        var writes = 0;
        var commit = new GroupCommit(() => ++writes == 1 ? Task.FromException(new InvalidOperationException("storage down")) : Task.CompletedTask);

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(commit.CommitAsync);
        await commit.CommitAsync();

        Assert.Equal("storage down", failed.Message);
        Assert.Equal(2, writes);
    }
}
