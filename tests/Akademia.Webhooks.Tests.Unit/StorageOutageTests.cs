using Akademia.Webhooks.Grains.Hosting;
using Azure;
using Orleans.Storage;

namespace Akademia.Webhooks.Tests.Unit;

/// <summary>Which storage failures count as an outage (503) rather than a bug (500).</summary>
public sealed class StorageOutageTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public void AzureFailuresWithoutAnAnswerOrFromTheServerAreOutages(int status)
    {
        var failure = new RequestFailedException(status, "storage");
        Assert.True(StorageUnavailableFilter.IsStorageOutage(failure));
        // As Orleans' state bridge hands it on: wrapped, or after the SDK's retries.
        Assert.True(StorageUnavailableFilter.IsStorageOutage(new OrleansException("write failed", failure)));
        Assert.True(StorageUnavailableFilter.IsStorageOutage(new OrleansException("write failed", new AggregateException(failure, failure))));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(412)]
    public void AzureRequestsTheServiceRefusedAreNotOutages(int status) =>
        Assert.False(StorageUnavailableFilter.IsStorageOutage(new OrleansException("write failed", new RequestFailedException(status, "refused"))));

    [Fact]
    public void AzureRequestsWhoseEveryTryTimedOutAreAnOutage()
    {
        // The Azure SDK's "Retry failed after N tries" when each try exceeded its network timeout;
        // the official Orleans providers pass it on as it is.
        var timedOut = new AggregateException("Retry failed after 2 tries.", new TaskCanceledException("timeout"), new TaskCanceledException("timeout"));
        Assert.True(StorageUnavailableFilter.IsStorageOutage(new OrleansException("write failed", timedOut)));
        Assert.True(StorageUnavailableFilter.IsStorageOutage(new AggregateException(new TaskCanceledException("timeout"), new RequestFailedException(0, "refused"))));
    }

    [Fact]
    public void ACancellationOutsideAnAzureRetryIsNotAnOutage()
    {
        Assert.False(StorageUnavailableFilter.IsStorageOutage(new TaskCanceledException("caller went away")));
        Assert.False(StorageUnavailableFilter.IsStorageOutage(new AggregateException(new TaskCanceledException("timeout"), new InvalidOperationException("bug"))));
    }

    [Fact]
    public void AVersionConflictIsNeverAnOutage() =>
        Assert.False(StorageUnavailableFilter.IsStorageOutage(
            new InconsistentStateException("conflict", new RequestFailedException(503, "busy"))));
}
