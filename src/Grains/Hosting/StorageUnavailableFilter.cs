using Azure;
using StackExchange.Redis;

namespace Akademia.Webhooks.Grains.Hosting;

/// <summary>
/// Reports a storage outage to callers as <c>SERVICE_UNAVAILABLE</c>, the one error a client can
/// act on (retry later), instead of a provider-specific exception the gateway would call a 500.
/// </summary>
internal sealed class StorageUnavailableFilter(Health.StorageOutageSignal outages) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception ex) when (IsStorageOutage(ex))
        {
            outages.Observed();
            throw new WebhookPlatformException(ErrorCodes.ServiceUnavailable, "Storage is unavailable; nothing was accepted. Retry later.");
        }
    }

    internal static bool IsStorageOutage(Exception ex)
    {
        for (var current = ex; current is not null; current = current.InnerException)
        {
            if (current is WebhookPlatformException or InconsistentStateException)
            {
                return false;
            }

            if (current is RedisConnectionException or RedisTimeoutException
                || current.GetType().Namespace?.StartsWith("StackExchange.Redis", StringComparison.Ordinal) == true
                || IsRedisProviderException(current.GetType().Name)
                // Azure: no answer (status 0: refused, reset, timed out), throttled or a server
                // error. Other statuses are requests the service refused: a bug, not an outage.
                || current is RequestFailedException azure && IsAzureOutage(azure)
                || current is AggregateException retried && IsAzureRetriesUnanswered(retried))
            {
                return true;
            }
        }

        return ex is AggregateException aggregate && aggregate.InnerExceptions.Any(IsStorageOutage);
    }

    // Status 0 is the Azure SDK's code for "no answer": connection refused or reset, DNS, timeout.
    private static bool IsAzureOutage(RequestFailedException ex) => ex.Status is 0 or 408 or 429 or >= 500;

    // When every retry of an Azure request went unanswered, the SDK throws an AggregateException of
    // the attempts: a request that timed out is a cancellation nobody asked for, a refused connection
    // a RequestFailedException with status 0. The official providers pass it on as it is.
    private static bool IsAzureRetriesUnanswered(AggregateException ex) =>
        ex.InnerExceptions.Count > 0
        && ex.InnerExceptions.All(e => e is OperationCanceledException || e is RequestFailedException failed && IsAzureOutage(failed));

    // The Orleans Redis providers wrap connection failures in their own exception types
    // (RedisStorageException, RedisRemindersException, RedisClusteringException), by message only.
    private static bool IsRedisProviderException(string typeName) =>
        typeName.StartsWith("Redis", StringComparison.Ordinal) && typeName.EndsWith("Exception", StringComparison.Ordinal);
}
