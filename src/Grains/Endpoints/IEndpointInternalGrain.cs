using Akademia.Webhooks.Grains.Deliveries;

namespace Akademia.Webhooks.Grains.Endpoints;

[Alias("akademia.internal.IEndpointTargetGrain")]
public interface IEndpointInternalGrain : IGrainWithStringKey
{
    /// <summary>What an attempt needs, including the secrets; <c>null</c> when the endpoint never existed.</summary>
    [Alias("GetTargetAsync"), ReadOnly]
    Task<EndpointTarget?> GetTargetAsync();

    /// <summary>An attempt's outcome, for the endpoint's health, operational events and auto-disable.</summary>
    [Alias("ReportAttemptAsync"), OneWay]
    Task ReportAttemptAsync(Endpoints.AttemptReport report);
}
