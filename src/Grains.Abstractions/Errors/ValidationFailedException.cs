namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// The input is invalid; <see cref="Errors"/> names each bad field.
/// </summary>
[GenerateSerializer, Alias("akademia.ValidationFailedException")]
public sealed class ValidationFailedException : WebhookPlatformException
{
    /// <summary>Creates the exception from field errors.</summary>
    public ValidationFailedException(Dictionary<string, string> errors)
        : base(ErrorCodes.ValidationError, "Validation failed: " + string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value}")))
        => Errors = errors;

    /// <summary>Field name to problem.</summary>
    [Id(0)] public Dictionary<string, string> Errors { get; }
}
