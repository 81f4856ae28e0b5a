namespace Akademia.Webhooks.ApiGateway.Security;

/// <summary>Authorization policies by what a route does.</summary>
public static class Policies
{
    /// <summary>Read-only routes: any role.</summary>
    public const string Read = "read";

    /// <summary>Publishing, and managing endpoints and event types: publisher or admin.</summary>
    public const string Publish = "publish";

    /// <summary>
    /// Creating, changing and deleting endpoints: publisher or admin, and an application's portal token
    /// for that application's own endpoints (which may not publish).
    /// </summary>
    public const string ManageEndpoints = "manage-endpoints";

    /// <summary>Every <c>/api/admin</c> route and the dashboard: admin only.</summary>
    public const string Admin = "admin";

    /// <summary>
    /// What spans applications or names none yet: API keys, creating applications, the cluster-wide
    /// monitor, client-error reports and inbound webhooks. An admin key that spans all applications.
    /// </summary>
    public const string ClusterAdmin = "cluster-admin";
}
