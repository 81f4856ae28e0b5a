using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Hosting;

/// <summary>
/// The one way the platform's options are bound and validated. Each options class states its rules
/// with DataAnnotations (single fields) and <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/>
/// (rules across fields), and has a source-generated <c>[OptionsValidator]</c> validator next to it.
/// A bad setting, including a value that does not convert to its property's type (<see cref="SettingsConversion"/>),
/// surfaces as <see cref="OptionsValidationException"/> before the host runs; the programs print
/// its failures on one line and exit with code 2 (<see cref="StartupFailure"/>).
/// </summary>
public static class PlatformOptions
{
    // Where each options type is bound, so that a failure can name the key an operator sets.
    private static readonly ConcurrentDictionary<Type, string> Sections = new();

    /// <summary>The configuration section <paramref name="optionsType"/> is bound to, when it is one of these.</summary>
    public static string? SectionOf(Type optionsType) => Sections.TryGetValue(optionsType, out var section) ? section : null;

    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to <paramref name="section"/> and validates it with
    /// <typeparamref name="TValidator"/>: in <see cref="CheckPlatformOptions"/> once the host is built, and
    /// again when the host starts.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        Sections[typeof(TOptions)] = section;
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        services.AddSingleton(new OptionsCheck(provider => _ = provider.GetRequiredService<IOptions<TOptions>>().Value));
        var settings = configuration.GetSection(section);
        return services.AddOptions<TOptions>()
            // Before the binder: it throws a stack trace for a value that does not convert, and drops a
            // list item that does not convert without a word.
            .Configure(_ => ThrowOnConversionFailures(typeof(TOptions), settings))
            .Bind(settings)
            .ValidateOnStart();
    }

    /// <summary>
    /// Binds and validates every option registered by <see cref="AddValidatedOptions"/> now, with
    /// everything that configures them applied: the programs call it between building the host and
    /// running it, so that a bad setting stops them before Orleans binds its ports and before the host
    /// logs "Hosting failed to start" with a stack trace. Throws <see cref="OptionsValidationException"/>.
    /// </summary>
    public static void CheckPlatformOptions(this IServiceProvider services)
    {
        foreach (var check in services.GetServices<OptionsCheck>())
        {
            check.Run(services);
        }
    }

    /// <summary>
    /// Binds and validates <typeparamref name="TOptions"/> now, for settings needed while the host is
    /// still being built (where the cluster is); throws <see cref="OptionsValidationException"/> as the
    /// host would at start-up.
    /// </summary>
    public static TOptions GetValidated<TOptions, TValidator>(this IConfiguration configuration, string section)
        where TOptions : class, new()
        where TValidator : IValidateOptions<TOptions>, new()
    {
        Sections[typeof(TOptions)] = section;
        ThrowOnConversionFailures(typeof(TOptions), configuration.GetSection(section));
        var options = configuration.GetSection(section).Get<TOptions>() ?? new TOptions();
        var result = new TValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(TOptions), result.Failures);
        }

        return options;
    }

    private static void ThrowOnConversionFailures(Type optionsType, IConfigurationSection settings)
    {
        var failures = SettingsConversion.Failures(optionsType, settings);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, optionsType, failures);
        }
    }

    /// <summary>Resolves one registered options type, which binds and validates it.</summary>
    private sealed class OptionsCheck(Action<IServiceProvider> run)
    {
        public void Run(IServiceProvider services) => run(services);
    }
}
