namespace Akademia.Webhooks.Grains.Monitoring;

[Alias("akademia.internal.IIntegrationMonitorSinkGrain")]
public interface IIntegrationMonitorInternalGrain : IGrainWithStringKey
{
    [Alias("MergeAsync")]
    Task MergeAsync(MonitorDelta delta);

    [Alias("GetInboundAsync")]
    Task<InboundMonitorSnapshot> GetInboundAsync();
}
