namespace Akademia.Webhooks.Hosting;

public static class Roles
{
    public const string Admin = "admin";
    public const string Publisher = "publisher";
    public const string Reader = "reader";
}
