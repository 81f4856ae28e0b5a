using System.Globalization;
using System.Text.RegularExpressions;
using Akademia.Webhooks.Grains.Retries;
using Akademia.Webhooks.Grains.Security;
using Akademia.Webhooks.Grains.Signing;
using Akademia.Webhooks.Grains.Validation;

namespace Akademia.Webhooks.Grains.Endpoints;

/// <summary>
/// What a valid endpoint is, for create, update and rotation, by field, and what a valid definition or
/// patch makes of it. Errors come in the order of the fields, which is the order the API lists them in.
/// </summary>
public static partial class EndpointRules
{
    public const int MaxUrlLength = 2048;
    public const int MaxCustomHeaders = 20;
    public const int MaxHeaderValueLength = 4096;
    public const int MaxSubscriptions = 256;
    public const int MaxRatePerSecond = 10_000;

    /// <summary>The subscription to every event type.</summary>
    public const string AllEvents = "*";

    /// <summary>
    /// Headers the platform sets itself, or that would corrupt the request framing: a custom header
    /// may not use these names.
    /// </summary>
    public static readonly IReadOnlySet<string> ReservedHeaderNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "host", "content-length", "content-type", "content-encoding", "transfer-encoding", "connection", "keep-alive",
        "upgrade", "te", "trailer", "proxy-authorization", "proxy-connection", "expect", "user-agent",
        "x-webhook-signature", "x-webhook-id", "x-webhook-timestamp",
        "webhook-id", "webhook-timestamp", "webhook-signature",
    };

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    // RFC 9110 token characters.
    [GeneratedRegex("^[!#$%&'*+\\-.^_`|~0-9A-Za-z]{1,128}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex HeaderNamePattern();

    /// <summary>A new endpoint's problems; <paramref name="isKnownType"/> answers for the names <see cref="NamedEventTypes"/> lists.</summary>
    public static Dictionary<string, string> CheckDefinition(string id, EndpointDefinition definition, DestinationPolicy destinations, Func<string, bool> isKnownType)
    {
        var errors = new Dictionary<string, string>();
        if (!IdPattern().IsMatch(id))
        {
            errors["id"] = "must be 1-64 letters, digits, '_' or '-'";
        }

        CheckUrl(definition.Url, "url", destinations, errors);
        CheckEvents(definition.Events, errors, isKnownType);
        FieldRules.CheckDescription(definition.Description, errors);
        CheckHeaders(definition.Headers, errors);
        CheckSecret(definition.Secret, errors);
        CheckDeliveryControls(definition.RetryPolicy, definition.FailoverUrl, definition.Sla, destinations, errors);
        CheckRateLimit(definition.RateLimit, errors);
        if (definition.ApplicationId is not null && FieldRules.CheckEventId(definition.ApplicationId) is { } applicationProblem)
        {
            errors["applicationId"] = applicationProblem;
        }

        return errors;
    }

    /// <summary>An update's problems; a field left out is not checked.</summary>
    public static Dictionary<string, string> CheckPatch(EndpointPatch patch, DestinationPolicy destinations, Func<string, bool> isKnownType)
    {
        var errors = new Dictionary<string, string>();
        if (patch.Url is not null)
        {
            CheckUrl(patch.Url, "url", destinations, errors);
        }

        if (patch.Events is not null)
        {
            CheckEvents(patch.Events, errors, isKnownType);
        }

        FieldRules.CheckDescription(patch.Description, errors);
        CheckHeaders(patch.Headers, errors);
        CheckDeliveryControls(patch.RetryPolicy, patch.FailoverUrl, patch.Sla, destinations, errors);
        CheckRateLimit(patch.RateLimit, errors);
        CheckSignWith(patch.SignWith, errors);
        return errors;
    }

    /// <summary>A new endpoint, from a valid definition: events once each, an empty failover URL is none.</summary>
    public static EndpointDetails Create(string id, EndpointDefinition definition, DateTimeOffset now) => new()
    {
        Id = id,
        Url = definition.Url,
        Events = definition.Events.Distinct(StringComparer.Ordinal).ToArray(),
        Active = definition.Active,
        Description = definition.Description,
        Headers = definition.Headers is null ? [] : new Dictionary<string, string>(definition.Headers),
        RetryPolicy = definition.RetryPolicy,
        FailoverUrl = string.IsNullOrEmpty(definition.FailoverUrl) ? null : definition.FailoverUrl,
        Sla = definition.Sla,
        RateLimit = definition.RateLimit,
        ApplicationId = ApplicationIds.Of(definition.ApplicationId),
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>An endpoint after a valid update: a field left out stays, an empty failover URL removes it.</summary>
    public static EndpointDetails Apply(EndpointDetails current, EndpointPatch patch, DateTimeOffset now) => current with
    {
        RetryPolicy = patch.RetryPolicy ?? current.RetryPolicy,
        FailoverUrl = patch.FailoverUrl is null ? current.FailoverUrl : patch.FailoverUrl.Length == 0 ? null : patch.FailoverUrl,
        Sla = patch.Sla ?? current.Sla,
        RateLimit = patch.RateLimit ?? current.RateLimit,
        Url = patch.Url ?? current.Url,
        Events = patch.Events?.Distinct(StringComparer.Ordinal).ToArray() ?? current.Events,
        Active = patch.Active ?? current.Active,
        Description = patch.Description ?? current.Description,
        Headers = patch.Headers is null ? current.Headers : new Dictionary<string, string>(patch.Headers),
        SignWith = patch.SignWith ?? current.SignWith,
        UpdatedAt = now,
    };

    /// <summary>A rotation's problems.</summary>
    public static Dictionary<string, string> CheckRotation(SecretRotation rotation)
    {
        var errors = new Dictionary<string, string>();
        CheckSignWith(rotation.SignWith, errors);
        return errors;
    }

    /// <summary>The well-formed event type names in <paramref name="events"/>: the ones whose existence must be looked up.</summary>
    public static string[] NamedEventTypes(string[]? events) =>
        events?.Where(e => e != AllEvents && FieldRules.CheckEventTypeName(e) is null).ToArray() ?? [];

    public static string? CheckUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "is required";
        }

        if (url.Length > MaxUrlLength)
        {
            return $"must be at most {MaxUrlLength} characters";
        }

        // Uri accepts a TAB, CR, LF or NUL (C0, DEL and C1 controls in general); delivery would
        // percent-encode them, but the endpoint would be stored and listed with them raw.
        if (url.Any(char.IsControl))
        {
            return "must not contain control characters (such as CR, LF, TAB or NUL)";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return "must be an absolute http or https URL";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "must not contain user info";
        }

        if (string.IsNullOrEmpty(uri.Host))
        {
            return "must have a host";
        }

        return null;
    }

    public static void CheckUrl(string? url, string field, DestinationPolicy destinations, Dictionary<string, string> errors)
    {
        if (CheckUrl(url) is { } problem)
        {
            errors[field] = problem;
            return;
        }

        // Hostnames are checked when connecting, after resolution; a literal address can be refused now.
        if (DestinationPolicy.ParseLiteral(new Uri(url!).Host) is { } address && !destinations.IsAllowed(address))
        {
            errors[field] = string.Create(CultureInfo.InvariantCulture, $"points at {address}, a private, loopback or reserved address that deliveries may not reach");
        }
    }

    public static void CheckEvents(string[]? events, Dictionary<string, string> errors, Func<string, bool> isKnownType)
    {
        if (events is null || events.Length == 0)
        {
            errors["events"] = "must list at least one event type, or \"*\"";
            return;
        }

        if (events.Length > MaxSubscriptions)
        {
            errors["events"] = $"must list at most {MaxSubscriptions} event types";
            return;
        }

        for (var i = 0; i < events.Length; i++)
        {
            var name = events[i];
            if (name == AllEvents)
            {
                continue;
            }

            if (FieldRules.CheckEventTypeName(name) is { } problem)
            {
                errors[$"events[{i}]"] = problem;
            }
            else if (!isKnownType(name))
            {
                errors[$"events[{i}]"] = $"unknown event type '{name}'";
            }
        }
    }

    public static void CheckHeaders(Dictionary<string, string>? headers, Dictionary<string, string> errors)
    {
        if (headers is null)
        {
            return;
        }

        if (headers.Count > MaxCustomHeaders)
        {
            errors["headers"] = $"at most {MaxCustomHeaders} custom headers";
            return;
        }

        foreach (var (name, value) in headers)
        {
            var field = $"headers.{name}";
            if (!HeaderNamePattern().IsMatch(name))
            {
                errors[field] = "is not a valid header name";
            }
            else if (ReservedHeaderNames.Contains(name))
            {
                errors[field] = "is reserved by the platform";
            }
            else if (value is null)
            {
                errors[field] = "must have a value";
            }
            else if (value.Length > MaxHeaderValueLength)
            {
                errors[field] = $"must be at most {MaxHeaderValueLength} characters";
            }
            else if (value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
            {
                errors[field] = "must not contain CR, LF or NUL";
            }
        }
    }

    public static void CheckSecret(string? secret, Dictionary<string, string> errors)
    {
        if (secret is not null && !WebhookSecret.IsValid(secret))
        {
            errors["secret"] = "must be 'whsec_' followed by base64 of 32 bytes";
        }
    }

    public static void CheckSignWith(string? signWith, Dictionary<string, string> errors)
    {
        if (signWith is not null && !SpecSignatureSecrets.IsValid(signWith))
        {
            errors["signWith"] = $"must be \"{SpecSignatureSecrets.New}\" or \"{SpecSignatureSecrets.Previous}\"";
        }
    }

    public static void CheckDeliveryControls(RetryPolicy? policy, string? failoverUrl, EndpointSla? sla, DestinationPolicy destinations, Dictionary<string, string> errors)
    {
        if (policy is not null)
        {
            foreach (var (field, problem) in RetryBackoff.Check(policy))
            {
                errors[field] = problem;
            }
        }

        if (!string.IsNullOrEmpty(failoverUrl))
        {
            CheckUrl(failoverUrl, "failoverUrl", destinations, errors);
        }

        if (sla?.MinAvailability is < 0 or > 100)
        {
            errors["sla.minAvailability"] = "must be a percentage from 0 to 100";
        }

        if (sla?.MaxResponseTimeMs is <= 0)
        {
            errors["sla.maxResponseTimeMs"] = "must be positive";
        }
    }

    public static void CheckRateLimit(EndpointRateLimit? limit, Dictionary<string, string> errors)
    {
        if (limit is null)
        {
            return;
        }

        if (limit.PerSecond is <= 0 or > MaxRatePerSecond)
        {
            errors["rateLimit.perSecond"] = "must be between 0 and 10000";
        }

        if (limit.MinPerSecond is { } min && (min <= 0 || min > limit.PerSecond))
        {
            errors["rateLimit.minPerSecond"] = "must be positive and at most perSecond";
        }

        if (limit.MaxPerSecond is { } max && (max < limit.PerSecond || max > MaxRatePerSecond))
        {
            errors["rateLimit.maxPerSecond"] = "must be at least perSecond and at most 10000";
        }
    }
}
