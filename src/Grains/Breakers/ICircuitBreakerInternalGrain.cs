namespace Akademia.Webhooks.Grains.Breakers;

[Alias("akademia.internal.ICircuitBreakerControlGrain")]
public interface ICircuitBreakerInternalGrain : IGrainWithStringKey
{
    [Alias("AcquireAsync")]
    Task<BreakerVerdict> AcquireAsync();

    [Alias("ReportAsync")]
    Task ReportAsync(bool success);
}
