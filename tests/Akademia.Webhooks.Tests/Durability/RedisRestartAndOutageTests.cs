using Akademia.Webhooks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Akademia.Webhooks.Tests.Durability;

/// <summary>The durability scenarios with state and reminders on a real redis-server.</summary>
[Trait("Category", "Redis")]
public sealed class RedisRestartAndOutageTests(RedisPlatformFixture platform, ITestOutputHelper output)
    : DurabilityScenarios(platform, output), IClassFixture<RedisPlatformFixture>;
