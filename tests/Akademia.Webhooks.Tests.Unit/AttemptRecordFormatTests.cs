using System.Text.Json;
using Akademia.Webhooks.ApiGateway.Infrastructure;
using Akademia.Webhooks.Grains.Inbound;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Akademia.Webhooks.Tests.Unit;

/// <summary>
/// Pins the attempt records' two outside formats: the HTTP API's JSON and the Newtonsoft JSON that
/// Redis and Azure grain storage keep, so state stored by earlier builds still reads.
/// </summary>
public sealed class AttemptRecordFormatTests
{
    private static readonly DateTimeOffset Started = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void DeliveryAttemptKeepsItsApiJson()
    {
        var failed = new DeliveryAttempt { Number = 2, StartedAt = Started, DurationMs = 12.5, ErrorCode = "TIMEOUT", ErrorMessage = "late", Url = "https://r.example/h" };
        var delivered = new DeliveryAttempt { Number = 3, StartedAt = Started, DurationMs = 1, StatusCode = 200, ResponseBody = "ok", RetryAfterSeconds = 2 };

        Assert.Equal(
            """{"number":2,"startedAt":"2026-12-01T10:00:00+00:00","durationMs":12.5,"statusCode":null,"errorCode":"TIMEOUT","errorMessage":"late","responseBody":null,"url":"https://r.example/h","retryAfterSeconds":null,"succeeded":false}""",
            JsonSerializer.Serialize(failed, ApiConventions.Json));
        Assert.Equal(
            """{"number":3,"startedAt":"2026-12-01T10:00:00+00:00","durationMs":1,"statusCode":200,"errorCode":null,"errorMessage":null,"responseBody":"ok","url":null,"retryAfterSeconds":2,"succeeded":true}""",
            JsonSerializer.Serialize(delivered, ApiConventions.Json));
    }

    [Fact]
    public void InboundAttemptKeepsItsApiJson()
    {
        var failed = new InboundAttempt { Number = 1, StartedAt = Started, DurationMs = 3.25, ErrorCode = "TIMEOUT", ErrorMessage = "late", Retryable = true };
        var processed = new InboundAttempt { Number = 2, StartedAt = Started, DurationMs = 4 };

        Assert.Equal(
            """{"number":1,"startedAt":"2026-12-01T10:00:00+00:00","durationMs":3.25,"errorCode":"TIMEOUT","errorMessage":"late","retryable":true,"succeeded":false}""",
            JsonSerializer.Serialize(failed, ApiConventions.Json));
        Assert.Equal(
            """{"number":2,"startedAt":"2026-12-01T10:00:00+00:00","durationMs":4,"errorCode":null,"errorMessage":null,"retryable":false,"succeeded":true}""",
            JsonSerializer.Serialize(processed, ApiConventions.Json));
    }

    [Fact]
    public void StoredInboundAttemptsStillRead()
    {
        const string Stored = """{"$id":"1","$type":"Akademia.Webhooks.Grains.Inbound.InboundDeadLetterState, Akademia.Webhooks.Grains","EarlierAttempts":{"$type":"Akademia.Webhooks.Grains.Abstractions.InboundAttempt[], Akademia.Webhooks.Grains.Abstractions","$values":[{"$id":"2","$type":"Akademia.Webhooks.Grains.Abstractions.InboundAttempt, Akademia.Webhooks.Grains.Abstractions","Number":1,"StartedAt":"2026-12-01T10:00:00+00:00","DurationMs":3.25,"ErrorCode":"TIMEOUT","ErrorMessage":"late","Retryable":true}]}}""";

        var state = StorageJson.Read<InboundDeadLetterState>(Stored);

        Assert.Equal(
            new InboundAttempt { Number = 1, StartedAt = Started, DurationMs = 3.25, ErrorCode = "TIMEOUT", ErrorMessage = "late", Retryable = true },
            Assert.Single(state.EarlierAttempts));
    }

    [Fact]
    public void StoredDeliveryAttemptsStillRead()
    {
        const string Stored = """{"$type":"Akademia.Webhooks.Grains.Abstractions.DeliveryAttempt[], Akademia.Webhooks.Grains.Abstractions","$values":[{"$id":"1","$type":"Akademia.Webhooks.Grains.Abstractions.DeliveryAttempt, Akademia.Webhooks.Grains.Abstractions","Number":1,"StartedAt":"2026-12-01T10:00:00+00:00","DurationMs":1.0,"StatusCode":500,"ErrorMessage":"HTTP 500","Url":"https://r.example/h","RetryAfterSeconds":3.0}]}""";

        var attempts = StorageJson.Read<DeliveryAttempt[]>(Stored);

        Assert.Equal(
            new DeliveryAttempt { Number = 1, StartedAt = Started, DurationMs = 1, StatusCode = 500, ErrorMessage = "HTTP 500", Url = "https://r.example/h", RetryAfterSeconds = 3 },
            Assert.Single(attempts));
    }

    [Fact]
    public void StorageNamesAttemptsByTheirClrTypeNotTheirAlias()
    {
        var json = StorageJson.Write(new InboundDeadLetterState { EarlierAttempts = [new InboundAttempt { Number = 1, StartedAt = Started, DurationMs = 3.25, ErrorCode = "TIMEOUT", ErrorMessage = "late", Retryable = true }] });

        Assert.Contains("\"$type\":\"Akademia.Webhooks.Grains.Abstractions.InboundAttempt, Akademia.Webhooks.Grains.Abstractions\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void AttemptsCrossTheWireWhole()
    {
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        var delivery = new DeliveryAttempt { Number = 2, StartedAt = Started, DurationMs = 1, StatusCode = 503, ErrorMessage = "HTTP 503", ResponseBody = "busy", Url = "https://r.example/h", RetryAfterSeconds = 5 };
        var inbound = new InboundAttempt { Number = 1, StartedAt = Started, DurationMs = 3.25, ErrorCode = "TIMEOUT", ErrorMessage = "late", Retryable = true };

        Assert.Equal(delivery, serializer.Deserialize<DeliveryAttempt>(serializer.SerializeToArray(delivery)));
        Assert.Equal(inbound, serializer.Deserialize<InboundAttempt>(serializer.SerializeToArray(inbound)));
        Assert.Equal<Attempt[]>([delivery, inbound], serializer.Deserialize<Attempt[]>(serializer.SerializeToArray<Attempt[]>([delivery, inbound])));
    }

}
