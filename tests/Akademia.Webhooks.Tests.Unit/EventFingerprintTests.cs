using Akademia.Webhooks.Grains.Events;

namespace Akademia.Webhooks.Tests.Unit;

/// <summary>The fingerprints that tell a repeated publish from a different one.</summary>
public sealed class EventFingerprintTests
{
    [Theory]
    [InlineData("{}")]
    [InlineData("{\"a\":1}")]
    [InlineData(" { \"a\" : [1, 2.50, {\"b\": null}] } ")]
    [InlineData("{\"name\":\"\\u0061\\n\",\"é\":\"ü😀\"}")]
    public void AnEventStoredWithoutAFingerprintGetsTheOneItsDataWouldHave(string data)
    {
        var body = EventGrain.BuildBody("evt-1", "grade.created", DateTimeOffset.UnixEpoch, data);

        Assert.Equal(EventFingerprint.OfContent("grade.created", data), EventFingerprint.OfStoredBody("grade.created", body));
    }

    [Fact]
    public void ContentDiffersByTypeAndByDataBytes()
    {
        var original = EventFingerprint.OfContent("grade.created", "{\"a\":1}");

        Assert.Equal(original, EventFingerprint.OfContent("grade.created", "{\"a\":1}"));
        Assert.NotEqual(original, EventFingerprint.OfContent("grade.updated", "{\"a\":1}"));
        Assert.NotEqual(original, EventFingerprint.OfContent("grade.created", "{\"a\": 1}"));
        Assert.Matches("^[0-9a-f]{64}$", original);
    }

    [Fact]
    public void RequestDiffersByExplicitIdIncludingNone()
    {
        var withoutId = EventFingerprint.OfRequest(null, "grade.created", "{}");

        Assert.Equal(withoutId, EventFingerprint.OfRequest(null, "grade.created", "{}"));
        Assert.NotEqual(withoutId, EventFingerprint.OfRequest("evt-1", "grade.created", "{}"));
        Assert.NotEqual(EventFingerprint.OfRequest("evt-1", "grade.created", "{}"), EventFingerprint.OfRequest("evt-2", "grade.created", "{}"));
        Assert.NotEqual(withoutId, EventFingerprint.OfRequest(null, "grade.created", "{ }"));
    }
}
