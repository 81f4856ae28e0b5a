using System.Globalization;

namespace Akademia.Webhooks.Grains.Endpoints;

/// <summary>The key of one page of an application's endpoint directory.</summary>
public static class EndpointPageKeys
{
    public static string Of(string applicationId, int page) => string.Create(CultureInfo.InvariantCulture, $"{applicationId}/{page}");
}
