namespace Akademia.Webhooks.Tests.Infrastructure;

/// <summary>The storage server under a platform, as durability scenarios written once use it.</summary>
public interface IStorageBackend
{
    /// <summary>Takes the server away: Redis is killed (SIGKILL), Azurite stopped (SIGTERM, as it saves its data then).</summary>
    Task InterruptAsync();

    /// <summary>Starts it again on the same port and data.</summary>
    Task ResumeAsync();
}

public sealed class RedisBackend(RedisServer redis) : IStorageBackend
{
    public Task InterruptAsync() => redis.KillAsync();

    public Task ResumeAsync() => redis.StartAgainAsync();
}

public sealed class AzuriteBackend(AzuriteServer azurite) : IStorageBackend
{
    public Task InterruptAsync() => azurite.StopAsync();

    public Task ResumeAsync() => azurite.StartAgainAsync();
}
