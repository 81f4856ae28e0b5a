namespace Akademia.Webhooks.ApiGateway.Security;

/// <summary>Which applications exist, for the routes that name one in the path or body of an access-control request.</summary>
internal static class ApplicationDirectory
{
    /// <summary>
    /// Whether <paramref name="applicationId"/> names an application that is not deleted. The default
    /// application, which the specification's routes act on, always exists.
    /// </summary>
    public static async Task<bool> ApplicationExists(IGrainFactory grains, string applicationId) =>
        string.Equals(applicationId, ApplicationIds.Default, StringComparison.Ordinal)
        || await grains.GetGrain<IApplicationGrain>(applicationId).GetAsync() is { DeletedAt: null };
}
