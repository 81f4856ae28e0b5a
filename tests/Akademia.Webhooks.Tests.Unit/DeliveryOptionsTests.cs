using Akademia.Webhooks.Grains.Deliveries;
using Akademia.Webhooks.Grains.Hosting;
using Akademia.Webhooks.Grains.Retries;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Tests.Unit;

/// <summary>
/// DeliveryOptions as a silo gets them: bound from configuration by <see cref="WebhookPlatformSiloExtensions.AddWebhookPlatform"/>.
/// The host is built, never started.
/// </summary>
public sealed class DeliveryOptionsTests
{
    [Fact]
    public void ConfiguredRetryDelaysReplaceTheDefaultLadder()
    {
        var options = Bind(new()
        {
            ["Delivery:RetryDelays:0"] = "00:00:05",
            ["Delivery:RetryDelays:1"] = "00:00:30",
        });

        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)], options.RetryDelays!);
        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)], options.EffectiveRetryDelays);
        Assert.Equal(3, new RetryBackoff(null, options.EffectiveRetryDelays, options.JitterFactor).MaxAttempts);
    }

    [Fact]
    public void WithoutConfiguredDelaysTheDefaultLadderApplies()
    {
        var options = Bind([]);

        Assert.Null(options.RetryDelays);
        Assert.Equal(
            [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2)],
            options.EffectiveRetryDelays);
    }

    [Fact]
    public void DefaultsAreTheSpecificationsValues()
    {
        var options = Bind([]);

        Assert.Equal(TimeSpan.FromSeconds(30), options.AttemptTimeout);
        Assert.Equal(0.1, options.JitterFactor);
        Assert.Equal(256 * 1024, options.MaxEventBytes);
        Assert.Equal(1024, options.RecordedResponseBodyBytes);
        Assert.Equal(64 * 1024, options.MaxResponseBodyBytes);
        Assert.Equal(TimeSpan.FromMinutes(1), options.ReminderPeriod);
    }

    [Fact]
    public void OtherSettingsBindFromTheDeliverySection()
    {
        var options = Bind(new()
        {
            ["Delivery:AttemptTimeout"] = "00:00:07",
            ["Delivery:JitterFactor"] = "0.25",
            ["Delivery:ReminderPeriod"] = "00:00:03",
            ["Delivery:FanOutRedrivePeriod"] = "00:00:04",
            ["Delivery:MaxEventBytes"] = "2048",
            ["Delivery:DeliveryLogSegmentSize"] = "50",
        });

        Assert.Equal(TimeSpan.FromSeconds(7), options.AttemptTimeout);
        Assert.Equal(0.25, options.JitterFactor);
        Assert.Equal(TimeSpan.FromSeconds(3), options.ReminderPeriod);
        Assert.Equal(TimeSpan.FromSeconds(4), options.FanOutRedrivePeriod);
        Assert.Equal(2048, options.MaxEventBytes);
        Assert.Equal(50, options.DeliveryLogSegmentSize);
    }

    [Theory]
    [InlineData("Delivery:JitterFactor", "0.9")]
    [InlineData("Delivery:JitterFactor", "-0.1")]
    [InlineData("Delivery:AttemptTimeout", "00:00:00")]
    [InlineData("Delivery:AttemptTimeout", "00:11:00")]
    [InlineData("Delivery:RetryDelays:0", "-00:00:01")]
    [InlineData("Delivery:ReminderPeriod", "00:00:00")]
    [InlineData("Delivery:MaxEventBytes", "10")]
    public void InvalidSettingIsRefused(string key, string value)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Bind(new() { [key] = value }));

        Assert.Contains(key.Split(':')[1], string.Join(" ", ex.Failures), StringComparison.Ordinal);
    }

    private static DeliveryOptions Bind(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(silo => silo.AddWebhookPlatform(builder.Configuration));
        using var host = builder.Build();
        return host.Services.GetRequiredService<IOptions<DeliveryOptions>>().Value;
    }
}
