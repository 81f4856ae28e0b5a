using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Akademia.Webhooks.Hosting;

/// <summary>
/// The console log of both processes: one line per entry, each starting with its UTC time in ISO 8601,
/// or one JSON object per line with <c>Logging:Console:FormatterName=json</c> (for containers). Both
/// are the standard console formatters, so every <c>Logging</c> setting keeps its standard meaning:
/// <c>Logging:LogLevel:&lt;category&gt;</c> sets a level per category (the longest matching prefix wins).
/// </summary>
public static class LoggingHosting
{
    /// <summary>ISO 8601 in UTC to the millisecond. ':' is quoted because unquoted it is the culture's time separator.</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH':'mm':'ss.fff'Z'";

    public static WebApplicationBuilder AddPlatformLogging(this WebApplicationBuilder builder)
    {
        // Defaults only, below every other source: appsettings and environment variables override them.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:Console:FormatterName"] = ConsoleFormatterNames.Simple,
                ["Logging:Console:FormatterOptions:SingleLine"] = "true",
                ["Logging:Console:FormatterOptions:UseUtcTimestamp"] = "true",
                // The scopes carry the trace and span id (below) and the request path.
                ["Logging:Console:FormatterOptions:IncludeScopes"] = "true",
            },
        });

        // Both formatters read Logging:Console:FormatterOptions; the simple one writes the stamp with no
        // separator after it, the JSON one as its own property. A configured format is kept.
        builder.Services.Configure<SimpleConsoleFormatterOptions>(o => o.TimestampFormat ??= TimestampFormat + " ");
        builder.Services.Configure<JsonConsoleFormatterOptions>(o => o.TimestampFormat ??= TimestampFormat);

        // Every log line written inside a span carries its trace and span id.
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        return builder;
    }
}
