using Akademia.Webhooks.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Akademia.Webhooks.Grains.Retention;

public static class RetentionSiloExtensions
{
    /// <summary>Retention: its settings (section <c>Retention</c>) and the silo's cache of applications' retentions.</summary>
    public static ISiloBuilder AddRetention(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddValidatedOptions<RetentionOptions, RetentionOptionsValidator>(configuration, RetentionOptions.Section);
        silo.Services.AddSingleton<RetentionPeriods>();
        return silo;
    }
}
