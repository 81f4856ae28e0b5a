using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Polly.Timeout;

namespace Akademia.Webhooks.Tests.Unit;

public sealed class WireExceptionsTests
{
    // What Orleans 10.4's placement throws when placing a grain takes longer than its timeout.
    private static TimeoutException PlacementTimeout() =>
        new("Grain placement operation timed out for grain delivery/x.", new TimeoutRejectedException("The operation didn't complete within the allowed timeout of '00:00:30'."));

    private static Serializer SerializerWith(Action<ExceptionSerializationOptions>? configure)
    {
        var services = new ServiceCollection().AddSerializer();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        return services.BuildServiceProvider().GetRequiredService<Serializer>();
    }

    [Fact]
    public void ByDefaultAPlacementTimeoutCannotBeSerialized()
    {
        var serializer = SerializerWith(null);

        var error = Assert.Throws<CodecNotFoundException>(() => serializer.SerializeToArray<Exception>(PlacementTimeout()));
        Assert.Contains(typeof(TimeoutRejectedException).FullName!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithTheRuntimesExceptionsAllowedAPlacementTimeoutArrivesAsATimeout()
    {
        var silo = SerializerWith(WireExceptions.Allow);
        var client = SerializerWith(WireExceptions.Allow);

        var arrived = client.Deserialize<Exception>(silo.SerializeToArray<Exception>(PlacementTimeout()));

        var timeout = Assert.IsType<TimeoutException>(arrived);
        Assert.Equal("Grain placement operation timed out for grain delivery/x.", timeout.Message);
        Assert.IsType<TimeoutRejectedException>(timeout.InnerException);
    }
}
