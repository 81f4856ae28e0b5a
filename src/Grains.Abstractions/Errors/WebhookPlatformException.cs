namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// A request the platform refuses. <see cref="Code"/> is one of the API's error codes.
/// </summary>
[GenerateSerializer, Alias("akademia.WebhookPlatformException")]
public class WebhookPlatformException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WebhookPlatformException(string code, string message) : base(message) => Code = code;

    /// <summary>Creates the exception with facts the caller can act on, such as the id of the resource it conflicts with.</summary>
    public WebhookPlatformException(string code, string message, Dictionary<string, string> details) : base(message)
    {
        Code = code;
        Details = details;
    }

    /// <summary>The API error code, such as <c>NOT_FOUND</c>.</summary>
    [Id(0)] public string Code { get; }

    /// <summary>
    /// Facts about the refusal, answered as the envelope's <c>details</c>: for a <c>CONFLICT</c> on
    /// publish, <c>eventId</c> names the event the request conflicts with.
    /// </summary>
    [Id(1)] public Dictionary<string, string>? Details { get; }
}
