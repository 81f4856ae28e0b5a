using Akademia.Webhooks.Grains.Paging;
using Akademia.Webhooks.Grains.Validation;

namespace Akademia.Webhooks.Grains.Applications;

/// <summary>
/// What an application may be: its id (shaped like an event id), name, metadata and publish budget,
/// and the cursor of the application list. Pure, for the grain and its unit tests.
/// </summary>
public static class ApplicationRules
{
    public static string? CheckId(string? id) => id switch
    {
        null or "" => "is required",
        _ => FieldRules.CheckEventId(id),
    };

    public static Dictionary<string, string> CheckDefinition(string id, ApplicationDefinition definition)
    {
        var errors = new Dictionary<string, string>();
        if (CheckId(id) is { } idProblem)
        {
            errors["id"] = idProblem;
        }

        CheckName(definition.Name, errors);
        CheckMetadata(definition.Metadata, errors);
        CheckRateLimit(definition.RateLimit, errors);
        CheckRetention(definition.Retention, errors);
        return errors;
    }

    public static Dictionary<string, string> CheckPatch(ApplicationPatch patch)
    {
        var errors = new Dictionary<string, string>();
        if (patch.Name is not null)
        {
            CheckName(patch.Name, errors);
        }

        CheckMetadata(patch.Metadata, errors);
        CheckRateLimit(patch.RateLimit, errors);
        if (patch.RemoveRateLimit && patch.RateLimit is not null)
        {
            errors["rateLimit"] = "cannot be set and removed at once";
        }

        CheckRetention(patch.Retention, errors);
        if (patch.RemoveRetention && patch.Retention is not null)
        {
            errors["retention"] = "cannot be set and removed at once";
        }

        return errors;
    }

    public static Application Create(string id, ApplicationDefinition definition, DateTimeOffset now) => new()
    {
        Id = id,
        Name = definition.Name,
        Metadata = definition.Metadata is null ? [] : new(definition.Metadata, StringComparer.Ordinal),
        RateLimit = definition.RateLimit,
        Retention = definition.Retention,
        CreatedAt = now,
        UpdatedAt = now,
    };

    public static Application Apply(Application current, ApplicationPatch patch, DateTimeOffset now) => current with
    {
        Name = patch.Name ?? current.Name,
        Metadata = patch.Metadata is null ? current.Metadata : new(patch.Metadata, StringComparer.Ordinal),
        RateLimit = patch.RemoveRateLimit ? null : patch.RateLimit ?? current.RateLimit,
        Retention = patch.RemoveRetention ? null : patch.Retention ?? current.Retention,
        UpdatedAt = now,
    };

    /// <summary>The default application as it is before anyone renamed it.</summary>
    public static Application ImplicitDefault(DateTimeOffset now) => new()
    {
        Id = ApplicationIds.Default,
        Name = "Default application",
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>A list cursor: the stored page and the position in it where the next listing starts.</summary>
    public static string FormatCursor(int page, int offset) => ChainedPageCursor.Format(page, offset);

    public static bool TryParseCursor(string cursor, out int page, out int offset)
    {
        page = 0;
        if (!ChainedPageCursor.TryParse(cursor, out var longPage, out offset) || longPage > int.MaxValue)
        {
            offset = 0;
            return false;
        }

        page = (int)longPage;
        return true;
    }

    private static void CheckName(string? name, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors["name"] = "is required";
        }
        else if (name.Length > ApplicationLimits.MaxNameLength)
        {
            errors["name"] = $"must be at most {ApplicationLimits.MaxNameLength} characters";
        }
    }

    private static void CheckMetadata(Dictionary<string, string>? metadata, Dictionary<string, string> errors)
    {
        if (metadata is null)
        {
            return;
        }

        if (metadata.Count > ApplicationLimits.MaxMetadataEntries)
        {
            errors["metadata"] = $"must have at most {ApplicationLimits.MaxMetadataEntries} entries";
            return;
        }

        foreach (var (key, value) in metadata)
        {
            if (string.IsNullOrEmpty(key) || key.Length > ApplicationLimits.MaxMetadataKeyLength)
            {
                errors["metadata"] = $"keys must be 1-{ApplicationLimits.MaxMetadataKeyLength} characters";
                return;
            }

            if (value is null || value.Length > ApplicationLimits.MaxMetadataValueLength)
            {
                errors[$"metadata.{key}"] = $"must be a string of at most {ApplicationLimits.MaxMetadataValueLength} characters";
                return;
            }
        }
    }

    private static void CheckRateLimit(ApplicationRateLimit? rateLimit, Dictionary<string, string> errors)
    {
        if (rateLimit is null)
        {
            return;
        }

        if (rateLimit.Limit is < 1 or > ApplicationLimits.MaxRateLimit)
        {
            errors["rateLimit.limit"] = $"must be between 1 and {ApplicationLimits.MaxRateLimit}";
        }

        if (rateLimit.Window <= TimeSpan.Zero || rateLimit.Window > ApplicationLimits.MaxRateLimitWindow)
        {
            errors["rateLimit.window"] = "must be more than 0 and at most 1 day";
        }
    }

    /// <summary>The problem with a retention, or <c>null</c>: the API field and the platform setting share it.</summary>
    public static string? CheckRetention(TimeSpan retention) =>
        retention < ApplicationLimits.MinRetention || retention > ApplicationLimits.MaxRetention
            ? "must be between 1 minute (00:01:00) and 10 years (3650.00:00:00)"
            : null;

    private static void CheckRetention(TimeSpan? retention, Dictionary<string, string> errors)
    {
        if (retention is { } value && CheckRetention(value) is { } problem)
        {
            errors["retention"] = problem;
        }
    }
}
