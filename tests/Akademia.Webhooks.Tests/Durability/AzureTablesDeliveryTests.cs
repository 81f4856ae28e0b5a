using Akademia.Webhooks.Grains.Storage;
using Akademia.Webhooks.Tests.Infrastructure;
using Akademia.Webhooks.Tests.Storage;
using Azure.Data.Tables;
using Xunit.Abstractions;

namespace Akademia.Webhooks.Tests.Durability;

/// <summary>
/// The durability scenarios with grain state and reminders in Azure Tables (Azurite), and what only
/// this backend shows: the state rows in the table.
/// </summary>
[Trait("Category", "Azure")]
[Collection(nameof(AzureCollection))]
public sealed class AzureTablesDeliveryTests(AzuritePlatformFixture platform, ITestOutputHelper output) : DurabilityScenarios(platform, output)
{
    [Fact]
    public async Task PublishedEventIsDeliveredAndStoredInTheTable()
    {
        var type = await Platform.NewEventTypeAsync();
        var (endpointId, secret) = await Platform.CreateEndpointAsync(Receiver.Url(), type);

        var published = await Platform.PublishAsync(new { id = "az-first", type, data = new { n = 1 } });
        Assert.Equal(1, published["deliveries"]!.GetValue<int>());

        var delivery = await Platform.WaitForDeliveryAsync($"az-first:{endpointId}", d => d.Status == DeliveryStatus.Delivered);
        Assert.Equal(200, Assert.Single(delivery.Attempts).StatusCode);
        var request = Assert.Single(Receiver.Received);
        Assert.True(TestSignatures.StandardSignatureIsValid(request, secret));

        // The platform's own grains keep their state in the configured table, keyed by grain id.
        var table = new TableServiceClient(Platform.Azurite.ConnectionString).GetTableClient("WebhookState");
        var service = TableKeys.Part(Platform.Cluster.Options.ServiceId);
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>($"{service}|endpoint%2F{endpointId}", "endpoint")).HasValue);
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>($"{service}|event%2Faz-first", "event")).HasValue);

        // Publishing the same id again answers the stored result and delivers nothing more.
        var again = await Platform.PublishAsync(new { id = "az-first", type, data = new { n = 1 } });
        Assert.Equal(1, again["deliveries"]!.GetValue<int>());
        Assert.Single(Receiver.Received);
    }
}
