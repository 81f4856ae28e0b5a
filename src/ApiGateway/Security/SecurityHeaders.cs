namespace Akademia.Webhooks.ApiGateway.Security;

internal static class SecurityHeaders
{
    // The API answers JSON only; the docs page (Scalar, under /api-docs with its scripts) starts
    // itself with an inline module script and injects its styles, so its policy is the one
    // relaxation. It still loads nothing from elsewhere: Scalar's CDN fonts are turned off.
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";
    private const string DocsPolicy = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/api-docs")
                ? DocsPolicy
                : ApiPolicy;
            if (context.Request.IsHttps)
            {
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            }

            return Task.CompletedTask;
        });
        await next(context);
    });
}
