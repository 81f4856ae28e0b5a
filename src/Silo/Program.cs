using Akademia.Webhooks.Silo;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddWebhookSilo();

    var app = builder.Build();
    app.MapSiloEndpoints();
    await app.RunAsync();
}
catch (Exception ex) when (ex is InvalidConfigurationException or Microsoft.Extensions.Options.OptionsValidationException)
{
    Console.Error.WriteLine($"Silo cannot start: {ex.Message}");
    Environment.ExitCode = 2;
}
