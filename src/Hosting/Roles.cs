namespace Akademia.Webhooks.Hosting;

public static class Roles
{
    public const string Admin = "admin";
    public const string Publisher = "publisher";
    public const string Reader = "reader";

    /// <summary>
    /// Held by portal tokens only, never by a key: with <see cref="Reader"/>, it grants managing the
    /// endpoints of the token's one application, and nothing that publishes or administers.
    /// </summary>
    public const string Portal = "portal";
}
