using Akademia.Webhooks.Hosting;
using Microsoft.AspNetCore.Http.Timeouts;

namespace Akademia.Webhooks.ApiGateway.Infrastructure;

internal static class RequestTimeoutPolicies
{
    public const string TestRoute = "test-route";

    /// <summary>
    /// Answers 504 <c>TIMEOUT</c> in the envelope once a route runs over its budget. Grain calls do not
    /// observe the request's token, so a filter stops waiting for them when it fires.
    /// </summary>
    public static WebApplicationBuilder AddRouteTimeouts(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetValidated<TimeoutOptions, TimeoutOptionsValidator>(TimeoutOptions.Section);

        builder.Services.AddRequestTimeouts(o =>
        {
            o.DefaultPolicy = Policy(options.Default);
            o.AddPolicy(TestRoute, Policy(options.TestRoute));
        });
        return builder;
    }

    private static RequestTimeoutPolicy Policy(TimeSpan timeout) => new()
    {
        Timeout = timeout,
        TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
        WriteTimeoutResponse = context => Envelope.Error(context, StatusCodes.Status504GatewayTimeout, ErrorCodes.Timeout,
            $"The request did not complete within {timeout.TotalSeconds:0.###} s.").ExecuteAsync(context),
    };

    /// <summary>Stops waiting for the handler when the request's time budget runs out.</summary>
    public static async ValueTask<object?> StopAtTimeout(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        await next(context).AsTask().WaitAsync(context.HttpContext.RequestAborted);
}
