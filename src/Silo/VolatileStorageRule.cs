using Akademia.Webhooks.Grains.Hosting;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Silo;

/// <summary>
/// Memory storage keeps nothing across a restart, so the durability the platform promises holds only on
/// Redis or Azure Tables. Memory is the default for a first run on a laptop; outside Development it must
/// be chosen with <see cref="SiloOptions.AllowVolatileStorage"/>, never inherited from the default.
/// </summary>
public static class VolatileStorageRule
{
    /// <summary>Why <paramref name="options"/> may not start in <paramref name="environmentName"/>, or null.</summary>
    public static string? Refusal(SiloOptions options, string environmentName) =>
        options.Storage == StorageMode.Memory && !options.AllowVolatileStorage && !IsDevelopment(environmentName)
            ? $"{SiloOptions.Section}:{nameof(SiloOptions.Storage)} is Memory, which loses every accepted event on restart, in the '{environmentName}' environment: " +
              $"set it to Redis or AzureTables, or set {SiloOptions.Section}:{nameof(SiloOptions.AllowVolatileStorage)}=true to run on memory anyway"
            : null;

    /// <summary>Whether the silo runs on memory outside Development because it was allowed to.</summary>
    public static bool RunsVolatileByChoice(SiloOptions options, string environmentName) =>
        options.Storage == StorageMode.Memory && options.AllowVolatileStorage && !IsDevelopment(environmentName);

    /// <summary>Throws the bad-setting exception the programs report as one line and exit code 2.</summary>
    public static void Check(SiloOptions options, string environmentName)
    {
        if (Refusal(options, environmentName) is { } refusal)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(SiloOptions), [refusal]);
        }
    }

    private static bool IsDevelopment(string environmentName) =>
        string.Equals(environmentName, "Development", StringComparison.OrdinalIgnoreCase);
}
