using Akademia.Webhooks.Grains.Events;
using Akademia.Webhooks.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Tests.Unit;

/// <summary>IdempotencyOptions as a silo gets them; the host is built, never started.</summary>
public sealed class IdempotencyOptionsTests
{
    [Fact]
    public void KeysAreKept24HoursByDefault() => Assert.Equal(TimeSpan.FromHours(24), Bind([]).KeyRetention);

    [Fact]
    public void RetentionBindsFromTheIdempotencySection() =>
        Assert.Equal(TimeSpan.FromHours(2), Bind(new() { ["Idempotency:KeyRetention"] = "02:00:00" }).KeyRetention);

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:00:59")]
    [InlineData("-01:00:00")]
    [InlineData("30.00:00:01")]
    public void RetentionOutsideAMinuteTo30DaysIsRefused(string value)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["Idempotency:KeyRetention"] = value }));

        Assert.Contains("KeyRetention", string.Join(" ", ex.Failures), StringComparison.Ordinal);
    }

    private static IdempotencyOptions Bind(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(silo => silo.AddWebhookPlatform(builder.Configuration));
        using var host = builder.Build();
        return host.Services.GetRequiredService<IOptions<IdempotencyOptions>>().Value;
    }
}
