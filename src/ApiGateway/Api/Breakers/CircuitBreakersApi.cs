using Akademia.Webhooks.ApiGateway.Infrastructure;
using Akademia.Webhooks.ApiGateway.Security;

namespace Akademia.Webhooks.ApiGateway.Api.Breakers;

/// <summary>The circuit breaker of an endpoint's URL, which every endpoint with that URL shares: admin only.</summary>
internal static class CircuitBreakersApi
{
    public static RouteGroupBuilder MapCircuitBreakersApi(this IEndpointRouteBuilder app)
    {
        var breaker = app.MapGroup("/api/admin/webhooks/{id}/circuit-breaker").WithTags("Admin").RequireAuthorization(Policies.Admin);
        breaker.MapPost("/reset", ResetCircuitBreaker);
        return breaker;
    }

    /// <summary>Close the circuit breaker of the endpoint's URL.</summary>
    public static async Task<Results<Ok<ApiSuccess<CircuitBreakerSnapshot>>, JsonHttpResult<ApiError>>> ResetCircuitBreaker(string id, IGrainFactory grains, HttpContext context)
    {
        // An admin key scoped to one application may not reset (nor learn of) another application's endpoint.
        var endpoint = grains.GetGrain<IEndpointGrain>(id);
        if (await endpoint.GetApplicationIdAsync() is { } owner && !ApplicationAccess.Allows(context.User, ApplicationIds.Of(owner)))
        {
            return Envelope.NotFound(context, $"Endpoint '{id}' not found.");
        }

        return Envelope.Ok(context, await endpoint.ResetCircuitBreakerAsync());
    }
}
