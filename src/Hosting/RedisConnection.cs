using StackExchange.Redis;

namespace Akademia.Webhooks.Hosting;

public static class RedisConnection
{
    /// <summary>
    /// Redis connection settings for the platform, for clustering and storage alike: keep retrying in
    /// the background rather than fail start-up, and fail operations quickly while Redis is away, so
    /// callers get a 503 promptly.
    /// </summary>
    public static ConfigurationOptions Options(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException($"A Redis connection string is required when Redis is selected ({PlatformClusterOptions.Section}:{nameof(PlatformClusterOptions.RedisConnectionString)}).");
        }

        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        // While Redis is away, fail at once instead of queueing commands until they time out.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 5000);
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, 5000);
        options.SyncTimeout = Math.Min(options.SyncTimeout, 5000);
        return options;
    }
}
