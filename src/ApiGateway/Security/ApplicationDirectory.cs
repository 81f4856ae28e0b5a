namespace Akademia.Webhooks.ApiGateway.Security;

/// <summary>Which applications exist, for the routes that name one in the path or body of an access-control request.</summary>
internal static class ApplicationDirectory
{
    /// <summary>
    /// Whether <paramref name="applicationId"/> names an application. Until applications can be
    /// created (<c>IApplicationGrain</c>), the default application, which the specification's routes
    /// act on, is the only one; once they can, this asks that grain, and stays the one place that does.
    /// </summary>
    public static Task<bool> ApplicationExists(IGrainFactory grains, string applicationId)
    {
        _ = grains;
        return Task.FromResult(string.Equals(applicationId, ApplicationIds.Default, StringComparison.Ordinal));
    }
}
