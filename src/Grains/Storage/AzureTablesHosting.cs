using Akademia.Webhooks.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Runtime.Hosting;

namespace Akademia.Webhooks.Grains.Storage;

internal static class AzureTablesHosting
{
    /// <summary>
    /// Grain storage <paramref name="storageName"/> and the reminder table on Azure Table Storage,
    /// configured from the <c>AzureTables</c> section. Registered the way Orleans registers its own
    /// providers (a keyed <see cref="IGrainStorage"/>; an <see cref="IReminderTable"/> singleton and
    /// the reminder service), so the official Azure packages can take their place later.
    /// </summary>
    public static ISiloBuilder AddAzureTablesStorage(this ISiloBuilder silo, string storageName)
    {
        var services = silo.Services;
        services.AddValidatedOptions<AzureTablesOptions, AzureTablesOptionsValidator>(silo.Configuration, AzureTablesOptions.Section);
        services.TryAddSingleton<AzureStorageClients>();

        services.AddGrainStorage(storageName, AzureTableGrainStorage.Create);

        services.AddReminders();
        services.AddSingleton<IReminderTable, AzureTableReminderTable>();
        return silo;
    }
}
