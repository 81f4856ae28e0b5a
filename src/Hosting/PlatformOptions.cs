using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Hosting;

/// <summary>
/// The one way the platform's options are bound and validated. Each options class states its rules
/// with DataAnnotations (single fields) and <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/>
/// (rules across fields), and has a source-generated <c>[OptionsValidator]</c> validator next to it.
/// A bad setting, including a value that does not convert to its property's type (<see cref="SettingsConversion"/>),
/// surfaces as <see cref="OptionsValidationException"/> while the host is being built; the programs print
/// its failures on one line and exit with code 2 (<see cref="StartupFailure"/>).
/// </summary>
public static class PlatformOptions
{
    /// <summary>Binds <typeparamref name="TOptions"/> to <paramref name="section"/> and validates it with <typeparamref name="TValidator"/> when the host starts.</summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class, new()
        where TValidator : class, IValidateOptions<TOptions>, new()
    {
        // Checked now as well as at start: a bad setting then stops the process while the host is still
        // being built, before Orleans binds its ports and before the host logs "Hosting failed to start"
        // with a stack trace. The check at start stays for configuration that changes later.
        configuration.GetValidated<TOptions, TValidator>(section);
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
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
        var conversion = SettingsConversion.Failures(typeof(TOptions), configuration.GetSection(section));
        if (conversion.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(TOptions), conversion);
        }

        var options = configuration.GetSection(section).Get<TOptions>() ?? new TOptions();
        var result = new TValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(TOptions), result.Failures);
        }

        return options;
    }
}
