using Akademia.Webhooks.Grains.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.TypeSystem;

namespace Akademia.Webhooks.Tests.Unit;

/// <summary>
/// The JSON that Redis and Azure Tables grain storage write and read: Orleans' Newtonsoft defaults,
/// its type binder and allow-list, behind the platform's <see cref="StoredTypeNameBinder"/> as the silo registers it.
/// </summary>
internal static class StorageJson
{
    private static readonly Newtonsoft.Json.JsonSerializerSettings Settings = Create();

    public static T Read<T>(string json) => Newtonsoft.Json.JsonConvert.DeserializeObject<T>(json, Settings)!;

    public static string Write(object value) => Newtonsoft.Json.JsonConvert.SerializeObject(value, Settings);

    private static Newtonsoft.Json.JsonSerializerSettings Create()
    {
        var services = new ServiceCollection()
            .AddSerializer(s => s.AddAssembly(typeof(PlatformIds).Assembly).AddAssembly(typeof(StoredTypeNameBinder).Assembly))
            .BuildServiceProvider();
        return new Newtonsoft.Json.JsonSerializerSettings
        {
            TypeNameHandling = Newtonsoft.Json.TypeNameHandling.All,
            PreserveReferencesHandling = Newtonsoft.Json.PreserveReferencesHandling.Objects,
            DateFormatHandling = Newtonsoft.Json.DateFormatHandling.IsoDateFormat,
            DefaultValueHandling = Newtonsoft.Json.DefaultValueHandling.Ignore,
            MissingMemberHandling = Newtonsoft.Json.MissingMemberHandling.Ignore,
            NullValueHandling = Newtonsoft.Json.NullValueHandling.Ignore,
            ConstructorHandling = Newtonsoft.Json.ConstructorHandling.AllowNonPublicDefaultConstructor,
            TypeNameAssemblyFormatHandling = Newtonsoft.Json.TypeNameAssemblyFormatHandling.Simple,
            SerializationBinder = new StoredTypeNameBinder(
                new OrleansJsonSerializationBinder(services.GetRequiredService<TypeConverter>(), services.GetRequiredService<TypeResolver>()),
                typeof(PlatformIds).Assembly,
                typeof(StoredTypeNameBinder).Assembly),
        };
    }
}
