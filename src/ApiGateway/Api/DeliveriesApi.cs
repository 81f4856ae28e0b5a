using Akademia.Webhooks.ApiGateway.Infrastructure;
using Akademia.Webhooks.ApiGateway.Security;

namespace Akademia.Webhooks.ApiGateway.Api;

internal static class DeliveriesApi
{
    public static IEndpointRouteBuilder MapDeliveriesApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/deliveries").WithTags("Deliveries").MapGet("/{deliveryId}", GetDelivery).RequireAuthorization(Policies.Read);
        return routes;
    }

    /// <summary>One delivery with every attempt.</summary>
    public static async Task<Results<Ok<ApiSuccess<Delivery>>, JsonHttpResult<ApiError>>> GetDelivery(string deliveryId, IGrainFactory grains, HttpContext context) =>
        await grains.GetGrain<IDeliveryGrain>(deliveryId).GetAsync() is { } delivery
            ? Envelope.Ok(context, delivery)
            : Envelope.NotFound(context, $"Delivery '{deliveryId}' not found.");
}
