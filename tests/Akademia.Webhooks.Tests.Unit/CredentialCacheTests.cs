using Akademia.Webhooks.ApiGateway.Security;
using Microsoft.Extensions.Time.Testing;

namespace Akademia.Webhooks.Tests.Unit;

public sealed class CredentialCacheTests
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private sealed record Answer(string Name);

    [Fact]
    public void AnAnswerIsReusedUpToTheMaximumAgeAndNotAfter()
    {
        var clock = new FakeTimeProvider();
        var cache = new CredentialCache<Answer>(100, MaxAge, clock);
        cache.Set("k", new Answer("a"));

        clock.Advance(MaxAge - TimeSpan.FromMilliseconds(1));
        Assert.True(cache.TryGet("k", out var reused));
        Assert.Equal("a", reused!.Name);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(cache.TryGet("k", out _));
    }

    [Fact]
    public void AnUnknownCredentialIsRememberedAsUnknown()
    {
        var cache = new CredentialCache<Answer>(100, MaxAge, new FakeTimeProvider());
        cache.Set("k", null);

        Assert.True(cache.TryGet("k", out var answer));
        Assert.Null(answer);
    }

    [Fact]
    public void AnAnswerWithAnEarlierDeadlineIsDroppedAtItsDeadline()
    {
        var clock = new FakeTimeProvider();
        var cache = new CredentialCache<Answer>(100, MaxAge, clock);
        cache.Set("k", new Answer("token"), clock.GetUtcNow() + TimeSpan.FromSeconds(5));

        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.False(cache.TryGet("k", out _));
    }

    [Fact]
    public void TheCacheNeverHoldsMoreThanItsCapacityAndKeepsTheNewest()
    {
        var cache = new CredentialCache<Answer>(100, MaxAge, new FakeTimeProvider());

        for (var i = 0; i < 1000; i++)
        {
            cache.Set($"k{i}", new Answer($"{i}"));
            Assert.True(cache.Count <= 100, $"{cache.Count} answers held after {i + 1}");
        }

        Assert.True(cache.TryGet("k999", out _));
        Assert.True(cache.TryGet("k950", out _));
        Assert.False(cache.TryGet("k0", out _));
    }
}
