using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.TypeSystem;

namespace Akademia.Webhooks.Grains.Persistence;

internal static class StoredTypeNamesExtensions
{
    /// <summary>
    /// Lets the JSON grain-storage serializer (Redis, Azure Tables) read state stored under the
    /// platform's earlier type names (<see cref="StoredTypeNameBinder"/>). Set before Orleans'
    /// post-configuration, which keeps a binder that is already there.
    /// </summary>
    public static IServiceCollection AddStoredTypeNames(this IServiceCollection services)
    {
        services.AddOptions<OrleansJsonSerializerOptions>()
            .Configure<TypeConverter, TypeResolver>((options, converter, resolver) =>
                options.JsonSerializerSettings.SerializationBinder = new StoredTypeNameBinder(
                    new OrleansJsonSerializationBinder(converter, resolver, options.AllowAllTypes),
                    typeof(PlatformIds).Assembly,
                    typeof(StoredTypeNameBinder).Assembly));
        return services;
    }
}
