using Akademia.Webhooks.Grains.Hosting;
using Akademia.Webhooks.Grains.Retention;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Tests.Unit;

/// <summary>RetentionOptions as a silo gets them; the host is built, never started.</summary>
public sealed class RetentionOptionsTests
{
    [Fact]
    public void DataIsKept30DaysAndSweptEvery5MinutesByDefault()
    {
        var options = Bind([]);

        Assert.Equal((TimeSpan.FromDays(30), TimeSpan.FromMinutes(5)), (options.Period, options.SweepPeriod));
    }

    [Fact]
    public void ThePeriodBindsFromTheRetentionSection() =>
        Assert.Equal(TimeSpan.FromDays(7), Bind(new() { ["Retention:Period"] = "7.00:00:00" }).Period);

    [Theory]
    [InlineData("00:00:59")]
    [InlineData("00:00:00")]
    [InlineData("-1.00:00:00")]
    [InlineData("3650.00:00:01")]
    public void APeriodOutsideAMinuteTo10YearsIsRefused(string value)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["Retention:Period"] = value }));

        Assert.Contains("Period", string.Join(" ", ex.Failures), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:30")]
    [InlineData("1.00:00:01")]
    public void ASweepPeriodOutsideAMinuteToADayIsRefused(string value)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["Retention:SweepPeriod"] = value }));

        Assert.Contains("SweepPeriod", string.Join(" ", ex.Failures), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:01:00")]
    [InlineData("3650.00:00:00")]
    public void TheBoundsThemselvesAreAccepted(string value) =>
        Assert.Equal(TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture), Bind(new() { ["Retention:Period"] = value }).Period);

    private static RetentionOptions Bind(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(silo => silo.AddWebhookPlatform(builder.Configuration));
        using var host = builder.Build();
        return host.Services.GetRequiredService<IOptions<RetentionOptions>>().Value;
    }
}
