using System.Text.RegularExpressions;

namespace Akademia.Webhooks.ApiGateway.Infrastructure;

/// <summary>
/// Every request has an id: the caller's <c>X-Request-ID</c> when well formed, otherwise a new one. It is
/// echoed, put in the envelope and in every log line of the request.
/// </summary>
internal static partial class RequestIds
{
    public const string Header = "X-Request-ID";
    private const string ItemKey = "akademia.requestId";

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex WellFormed();

    public static string Get(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var id) && id is string s ? s : Assign(context);

    public static IApplicationBuilder UseRequestIds(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var id = Assign(context);

        // Set as the response starts, so that it survives middleware that clears a response to
        // replace it (the route timeout's 504, the error envelope).
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = id;
            return Task.CompletedTask;
        });
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Akademia.Gateway");
        using (logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = id }))
        {
            await next(context);
        }
    });

    private static string Assign(HttpContext context)
    {
        var supplied = context.Request.Headers[Header].ToString();
        var id = WellFormed().IsMatch(supplied) ? supplied : Guid.NewGuid().ToString();
        context.Items[ItemKey] = id;
        context.TraceIdentifier = id;
        return id;
    }
}
