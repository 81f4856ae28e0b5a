namespace Akademia.Webhooks.Hosting;

/// <summary>
/// The name of the meter the platform records with. Defined here, the one project every host and the
/// grains reference, so the grains' instruments and each process's exporter cannot disagree.
/// </summary>
public static class PlatformMeter
{
    public const string Name = "Akademia.Webhooks";
}
