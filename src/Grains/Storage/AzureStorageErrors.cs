using Azure;

namespace Akademia.Webhooks.Grains.Storage;

/// <summary>How the platform reads Azure Storage failures.</summary>
internal static class AzureStorageErrors
{
    /// <summary>
    /// Whether a failure means storage is unreachable or failing (retry later), as opposed to a
    /// request the service refused (a bug or a configuration error). Status 0 is the SDK's code
    /// for "no answer": connection refused or reset, DNS, timeout.
    /// </summary>
    public static bool IsOutage(RequestFailedException ex) => ex.Status is 0 or 408 or 429 or >= 500;

    /// <summary>
    /// Runs a storage operation, giving "no answer" failures that the SDK does not report as a
    /// <see cref="RequestFailedException"/> that shape: a request that timed out surfaces as a
    /// cancellation nobody asked for, and retries that all failed as an <see cref="AggregateException"/>.
    /// Callers and the 503 filter then see one kind of outage.
    /// </summary>
    public static async Task<T> Call<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (Exception ex) when (IsUnanswered(ex))
        {
            throw Unanswered(ex);
        }
    }

    /// <inheritdoc cref="Call{T}(Func{Task{T}})"/>
    public static async Task Call(Func<Task> operation)
    {
        try
        {
            await operation();
        }
        catch (Exception ex) when (IsUnanswered(ex))
        {
            throw Unanswered(ex);
        }
    }

    private static bool IsUnanswered(Exception ex) => ex switch
    {
        OperationCanceledException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0
            && aggregate.InnerExceptions.All(e => IsUnanswered(e) || e is RequestFailedException failed && IsOutage(failed)),
        _ => false,
    };

    private static RequestFailedException Unanswered(Exception ex) =>
        new(0, $"Azure Storage did not answer: {ex.Message}", ex);
}
