using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Akademia.Webhooks.Grains;
using Akademia.Webhooks.Grains.ClientErrors;
using Akademia.Webhooks.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Akademia.Webhooks.Tests.Api;

/// <summary>
/// <c>POST /api/client-errors</c> (public) and <c>GET /api/admin/client-errors</c>, on a cluster whose
/// log keeps the last <see cref="ClientErrorFixture.Capacity"/> reports.
/// </summary>
public sealed class ClientErrorTests(ClientErrorFixture platform) : IClassFixture<ClientErrorFixture>
{
    [Fact]
    public async Task AReportWithEveryFieldIsStoredAndListedAsSent()
    {
        var before = DateTimeOffset.UtcNow;
        var message = "TypeError: cannot read 'id' of undefined " + Guid.NewGuid();

        var response = await ReportAsync(new JsonObject
        {
            ["message"] = message,
            ["stack"] = "TypeError: cannot read 'id'\n    at render (app.js:10:5)",
            ["url"] = "https://app.example.org/grades?term=2",
            ["userAgent"] = "Mozilla/5.0 (X11; Linux x86_64)",
            ["timestamp"] = "2025-05-01T12:30:45.123Z",
            ["context"] = new JsonObject { ["userId"] = "u-1", ["build"] = 42, ["flags"] = new JsonArray("a", "b") },
        });
        var after = DateTimeOffset.UtcNow;

        var receipt = await ApiAssert.SuccessAsync(response, HttpStatusCode.Created);
        var id = receipt["id"]!.GetValue<string>();
        Assert.Matches("^ce_[0-9a-f]{32}$", id);
        Assert.Equal("/api/admin/client-errors", response.Headers.Location!.ToString());
        var stored = (await ListAsync(1)).Single()!;
        Assert.Equal(id, stored["id"]!.GetValue<string>());
        Assert.Equal(message, stored["message"]!.GetValue<string>());
        Assert.Equal("TypeError: cannot read 'id'\n    at render (app.js:10:5)", stored["stack"]!.GetValue<string>());
        Assert.Equal("https://app.example.org/grades?term=2", stored["url"]!.GetValue<string>());
        Assert.Equal("Mozilla/5.0 (X11; Linux x86_64)", stored["userAgent"]!.GetValue<string>());
        Assert.Equal(new DateTimeOffset(2025, 5, 1, 12, 30, 45, 123, TimeSpan.Zero), stored["timestamp"]!.GetValue<DateTimeOffset>());
        Assert.Equal("""{"userId":"u-1","build":42,"flags":["a","b"]}""", stored["context"]!.ToJsonString());
        Assert.InRange(stored["receivedAt"]!.GetValue<DateTimeOffset>(), before, after);
        Assert.Equal(receipt["receivedAt"]!.GetValue<DateTimeOffset>(), stored["receivedAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task OnlyTheMessageIsRequiredAndNullMembersAreAbsent()
    {
        var response = await ReportAsync(new JsonObject
        {
            ["message"] = "only a message",
            ["stack"] = null,
            ["url"] = null,
            ["userAgent"] = null,
            ["timestamp"] = null,
            ["context"] = null,
        });

        var id = (await ApiAssert.SuccessAsync(response, HttpStatusCode.Created))["id"]!.GetValue<string>();
        var stored = (await ListAsync(1)).Single()!;
        Assert.Equal(id, stored["id"]!.GetValue<string>());
        Assert.All(new[] { "stack", "url", "userAgent", "timestamp", "context" }, member => Assert.Null(stored[member]));
    }

    [Fact]
    public async Task ReportsAreListedNewestFirst()
    {
        var ids = new List<string>();
        for (var i = 0; i < ClientErrorFixture.Capacity; i++)
        {
            var response = await ReportAsync(new JsonObject { ["message"] = $"error {i}" });
            ids.Add((await ApiAssert.SuccessAsync(response, HttpStatusCode.Created))["id"]!.GetValue<string>());
        }

        var listed = await ListAsync(ClientErrorFixture.Capacity);

        Assert.Equal(Enumerable.Reverse(ids), listed.Select(e => e!["id"]!.GetValue<string>()));
        Assert.Equal(["error 2", "error 1", "error 0"], listed.Select(e => e!["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task TheLogKeepsOnlyTheConfiguredNumberOfMostRecentReports()
    {
        var ids = new List<string>();
        for (var i = 0; i < ClientErrorFixture.Capacity + 2; i++)
        {
            var response = await ReportAsync(new JsonObject { ["message"] = $"overflow {i}" });
            ids.Add((await ApiAssert.SuccessAsync(response, HttpStatusCode.Created))["id"]!.GetValue<string>());
        }

        var listed = await ListAsync(100);

        Assert.Equal(ids.TakeLast(ClientErrorFixture.Capacity).Reverse(), listed.Select(e => e!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task EachReportIsWrittenToGrainStorageOnItsOwn()
    {
        var response = await ReportAsync(new JsonObject { ["message"] = "persisted", ["context"] = new JsonObject { ["k"] = "v" } });
        var id = (await ApiAssert.SuccessAsync(response, HttpStatusCode.Created))["id"]!.GetValue<string>();

        var silo = (InProcessSiloHandle)platform.Cluster.Primary!;
        var storage = silo.SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Webhooks);
        var ring = new GrainState<ClientErrorRingState>();
        await storage.ReadStateAsync("client-error-ring", GrainId.Create("client-errors", IClientErrorLogGrain.Key), ring);
        Assert.True(ring.RecordExists);
        var sequence = ring.State!.Next - 1;
        var slot = new GrainState<ClientErrorSlotState>();
        await storage.ReadStateAsync("client-error", GrainId.Create("client-error-slot", (sequence % ClientErrorFixture.Capacity).ToString(System.Globalization.CultureInfo.InvariantCulture)), slot);

        Assert.True(slot.RecordExists);
        Assert.Equal(sequence, slot.State!.Sequence);
        var stored = slot.State.Error!;
        Assert.Equal((id, "persisted", """{"k":"v"}"""), (stored.Id, stored.Message, stored.Context));
    }

    [Fact]
    public async Task AReportWritesAboutItsOwnSizeHoweverFullTheLogIs()
    {
        // Fill the ring with large reports (16 KB stacks each).
        for (var i = 0; i < ClientErrorFixture.Capacity; i++)
        {
            await ApiAssert.SuccessAsync(await ReportAsync(new JsonObject { ["message"] = $"large {i}", ["stack"] = new string('s', ClientErrorValidation.MaxStackBytes) }), HttpStatusCode.Created);
        }

        var before = Written();
        var small = new JsonObject { ["message"] = "small", ["url"] = "https://app.example.org/page" };
        await ApiAssert.SuccessAsync(await ReportAsync(small), HttpStatusCode.Created);
        var after = Written();

        // The report's own record plus the ring's head (a sequence number): not the other reports.
        var reportBytes = JsonSerializer.SerializeToUtf8Bytes((await platform.Grains.GetGrain<IClientErrorLogGrain>(IClientErrorLogGrain.Key).ListAsync(1)).Single()).Length;
        Assert.Equal(2, after.Writes - before.Writes);
        Assert.InRange(after.Bytes - before.Bytes, reportBytes, reportBytes + 128);
    }

    private (long Writes, long Bytes) Written()
    {
        var log = platform.Writes.Of("client-errors");
        var slots = platform.Writes.Of("client-error-slot");
        return (log.Writes + slots.Writes, log.Bytes + slots.Bytes);
    }

    [Fact]
    public async Task ReportsAreCountedAsClientErrorsInTheIntegrationMonitor()
    {
        var monitor = platform.Grains.GetGrain<IIntegrationMonitorGrain>(IIntegrationMonitorGrain.Key);
        var url = $"https://app.example.org/{Guid.NewGuid():N}";

        // The silo reports its buffer every second, in order: once a marker has arrived, so has every
        // report before it, and the count is settled.
        var marker = $"marker {Guid.NewGuid():N}";
        await ApiAssert.SuccessAsync(await ReportAsync(new JsonObject { ["message"] = marker }), HttpStatusCode.Created);
        MonitorSnapshot? snapshot = null;
        await Eventually.HoldsAsync(async () => (snapshot = await monitor.GetAsync()).Errors.Recent.Any(e => e.Message == marker),
            TimeSpan.FromSeconds(15), () => "the marker did not reach the monitor");
        var before = snapshot!.Errors.ByCode[IClientErrorLogGrain.ClientErrorCode];

        for (var i = 0; i < 2; i++)
        {
            await ApiAssert.SuccessAsync(await ReportAsync(new JsonObject { ["message"] = $"counted {i}", ["url"] = url }), HttpStatusCode.Created);
        }

        // A rejected report is not counted.
        await ApiAssert.ValidationErrorAsync(await ReportAsync(new JsonObject { ["url"] = url }), "message");

        await Eventually.HoldsAsync(async () => (snapshot = await monitor.GetAsync()).Errors.ByCode.GetValueOrDefault(IClientErrorLogGrain.ClientErrorCode) == before + 2,
            TimeSpan.FromSeconds(15), () => JsonSerializer.Serialize(snapshot?.Errors));
        var recent = snapshot!.Errors.Recent.Where(e => e.Endpoint == url).ToList();
        Assert.Equal(["counted 1", "counted 0"], recent.Select(e => e.Message));
        Assert.All(recent, e => Assert.Equal((IClientErrorLogGrain.ClientErrorCode, (int?)null), (e.Code, e.Status)));
    }

    public static TheoryData<string, string> InvalidReports => new()
    {
        { """{}""", "message" },
        { """{"message": ""}""", "message" },
        { """{"message": "   "}""", "message" },
        { Json(new JsonObject { ["message"] = new string('m', ClientErrorValidation.MaxMessageBytes + 1) }), "message" },
        // 1,025 characters, but 2,050 bytes: the bound is on bytes.
        { Json(new JsonObject { ["message"] = new string('é', 1025) }), "message" },
        { """{"message": 42}""", "message" },
        { Json(new JsonObject { ["message"] = "m", ["stack"] = new string('s', ClientErrorValidation.MaxStackBytes + 1) }), "stack" },
        { """{"message": "m", "url": "/relative/page"}""", "url" },
        { """{"message": "m", "url": "ftp://files.example.org/a"}""", "url" },
        { """{"message": "m", "url": "javascript:alert(1)"}""", "url" },
        { Json(new JsonObject { ["message"] = "m", ["url"] = "https://app.example.org/" + new string('p', ClientErrorValidation.MaxUrlLength) }), "url" },
        { Json(new JsonObject { ["message"] = "m", ["userAgent"] = new string('u', ClientErrorValidation.MaxUserAgentLength + 1) }), "userAgent" },
        { """{"message": "m", "timestamp": "yesterday"}""", "timestamp" },
        { """{"message": "m", "timestamp": "2025-05-01"}""", "timestamp" },
        { """{"message": "m", "timestamp": "2025-05-01T12:00:00"}""", "timestamp" },
        { """{"message": "m", "timestamp": "05/01/2025 12:00:00 +00:00"}""", "timestamp" },
        { """{"message": "m", "timestamp": "2025-13-01T12:00:00Z"}""", "timestamp" },
        { """{"message": "m", "context": "not an object"}""", "context" },
        { """{"message": "m", "context": [1, 2]}""", "context" },
        { """{"message": "m", "context": 7}""", "context" },
        { Json(new JsonObject { ["message"] = "m", ["context"] = new JsonObject { ["big"] = new string('c', ClientErrorValidation.MaxContextBytes) } }), "context" },
    };

    [Theory]
    [MemberData(nameof(InvalidReports))]
    public async Task AnInvalidMemberIsNamedInTheDetailsAndNothingIsStored(string body, string field)
    {
        var newestBefore = (await ListAsync(1)).SingleOrDefault()?["id"]?.GetValue<string>();

        var response = await AnonymousPostAsync(body);

        await ApiAssert.ValidationErrorAsync(response, field);
        Assert.Equal(newestBefore, (await ListAsync(1)).SingleOrDefault()?["id"]?.GetValue<string>());
    }

    [Fact]
    public async Task EveryInvalidMemberIsReportedAtOnce()
    {
        var response = await ReportAsync(new JsonObject
        {
            ["message"] = "",
            ["stack"] = new string('s', ClientErrorValidation.MaxStackBytes + 1),
            ["url"] = "not a url",
            ["userAgent"] = new string('u', ClientErrorValidation.MaxUserAgentLength + 1),
            ["timestamp"] = "noon",
            ["context"] = new JsonArray(),
        });

        await ApiAssert.ValidationErrorAsync(response, "message", "stack", "url", "userAgent", "timestamp", "context");
    }

    [Fact]
    public async Task MembersAtTheirBoundsAreAccepted()
    {
        var contextPadding = ClientErrorValidation.MaxContextBytes - """{"p":""}""".Length;
        var response = await ReportAsync(new JsonObject
        {
            // 1,024 two-byte characters: exactly 2 KB.
            ["message"] = new string('é', ClientErrorValidation.MaxMessageBytes / 2),
            ["stack"] = new string('s', ClientErrorValidation.MaxStackBytes),
            ["url"] = "https://app.example.org/" + new string('p', ClientErrorValidation.MaxUrlLength - "https://app.example.org/".Length),
            ["userAgent"] = new string('u', ClientErrorValidation.MaxUserAgentLength),
            ["timestamp"] = "2025-05-01T14:30:00+02:00",
            ["context"] = new JsonObject { ["p"] = new string('c', contextPadding) },
        });

        await ApiAssert.SuccessAsync(response, HttpStatusCode.Created);
        var stored = (await ListAsync(1)).Single()!;
        Assert.Equal(new DateTimeOffset(2025, 5, 1, 12, 30, 0, TimeSpan.Zero), stored["timestamp"]!.GetValue<DateTimeOffset>().ToUniversalTime());
        Assert.Equal(ClientErrorValidation.MaxContextBytes, stored["context"]!.ToJsonString().Length);
    }

    [Fact]
    public async Task GrainClientReportsAreValidatedLikeHttpOnes()
    {
        var log = platform.Grains.GetGrain<IClientErrorLogGrain>(IClientErrorLogGrain.Key);

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => log.RecordAsync(new ClientErrorReport { Url = "ftp://x", Context = "[]" }));
        var stored = await log.RecordAsync(new ClientErrorReport { Message = "from a service", Context = """{"service":"grades"}""" });

        Assert.Equal(["context", "message", "url"], refused.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(stored, (await log.ListAsync(1)).Single());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("-1")]
    [InlineData("ten")]
    public async Task TheListLimitMustBeBetween1And100(string limit)
    {
        var response = await platform.Http.GetAsync($"/api/admin/client-errors?limit={limit}");

        await ApiAssert.ValidationErrorAsync(response, "limit");
    }

    private async Task<HttpResponseMessage> ReportAsync(JsonObject body) => await AnonymousPostAsync(Json(body));

    private async Task<HttpResponseMessage> AnonymousPostAsync(string body)
    {
        using var client = platform.AnonymousClient();
        return await client.PostAsync("/api/client-errors", ApiAssert.Json(body));
    }

    private async Task<JsonArray> ListAsync(int limit) =>
        (await ApiAssert.SuccessAsync(await platform.Http.GetAsync($"/api/admin/client-errors?limit={limit}"), HttpStatusCode.OK)).AsArray();

    private static string Json(JsonObject body) => body.ToJsonString();
}
