using System.ComponentModel.DataAnnotations;
using System.Net;
using Akademia.Webhooks.Grains.Hosting;
using Akademia.Webhooks.Hosting;

namespace Akademia.Webhooks.Silo;

/// <summary>
/// Where this silo lives in the cluster and what it stores state in. Section <c>Cluster</c>, whose
/// shared settings (ids, clustering, Redis) are <see cref="PlatformClusterOptions"/>.
/// </summary>
public sealed class SiloOptions : PlatformClusterOptions
{
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients use to reach this one; loopback when empty.</summary>
    public string? AdvertisedIP { get; set; }

    /// <summary>
    /// Grain state and reminders: <c>Memory</c>, <c>Redis</c> (with <see cref="PlatformClusterOptions.RedisConnectionString"/>)
    /// or <c>AzureTables</c> (with the <c>AzureTables</c> section).
    /// </summary>
    public StorageMode Storage { get; set; } = StorageMode.Memory;

    /// <summary>
    /// Lets <c>Memory</c> storage run outside the Development environment. Memory loses every event,
    /// delivery and reminder with the process, so a production silo must choose it on purpose.
    /// </summary>
    public bool AllowVolatileStorage { get; set; }

    /// <summary>Entries in the grain directory cache; each delivery has its own grain, so bound it.</summary>
    [Range(1_000, 10_000_000)]
    public int DirectoryCacheSize { get; set; } = 100_000;

    /// <summary>Smallest reminder period accepted; lowered only by tests with compressed ladders.</summary>
    public TimeSpan MinimumReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    protected override bool NeedsRedis => base.NeedsRedis || Storage == StorageMode.Redis;

    public override IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var result in base.Validate(validationContext))
        {
            yield return result;
        }

        if (AdvertisedIP is { Length: > 0 } ip && !IPAddress.TryParse(ip, out _))
        {
            yield return new ValidationResult($"'{ip}' is not an IP address", [nameof(AdvertisedIP)]);
        }

        if (SiloPort == GatewayPort)
        {
            yield return new ValidationResult("the silo and gateway ports must differ", [nameof(SiloPort), nameof(GatewayPort)]);
        }

        if (MinimumReminderPeriod <= TimeSpan.Zero)
        {
            yield return new ValidationResult("must be positive", [nameof(MinimumReminderPeriod)]);
        }
    }
}
