using System.Globalization;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Hosting;

/// <summary>
/// Memory storage loses every accepted event on restart, so outside Development the silo starts on it
/// only when the operator chose it: the durability promise never rests on a default nobody picked.
/// </summary>
[Trait("Category", "Process")]
public sealed class VolatileStorageTests : IDisposable
{
    private readonly string _logs = Directory.CreateTempSubdirectory("volatile-storage-").FullName;

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task MemoryStorageByDefaultOutsideDevelopmentStopsTheSiloWithOneLineAndExitCode2(string environment)
    {
        // Storage is not set at all: the default is what gets refused.
        var (line, stdout) = await BadSetting.RunUntilExitAsync("Silo", "Cluster:ClusterId", "volatile-check", environment);

        Assert.Equal(
            $"Silo cannot start: Cluster:Storage is Memory, which loses every accepted event on restart, in the '{environment}' environment: " +
            "set it to Redis or AzureTables, or set Cluster:AllowVolatileStorage=true to run on memory anyway",
            line);
        Assert.Equal("", stdout);
    }

    [Fact]
    public async Task MemoryStorageOutsideDevelopmentStartsWhenAllowedAndSaysSoInAWarning()
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Cluster:AllowVolatileStorage"] = "true",
            ["Cluster:SiloPort"] = Ports.Free().ToString(CultureInfo.InvariantCulture),
            ["Cluster:GatewayPort"] = Ports.Free().ToString(CultureInfo.InvariantCulture),
            ["Secrets:EncryptionKey"] = Convert.ToBase64String(new byte[32]),
            ["Secrets:KeyId"] = "test",
            // The dashboard's key; Development's appsettings would give one.
            ["Auth:ApiKeys:0:Name"] = "ops",
            ["Auth:ApiKeys:0:Key"] = PlatformFixture.AdminKey,
            ["Auth:ApiKeys:0:Roles:0"] = "admin",
        };
        await using var silo = await PlatformProcess.StartAsync("silo", "Silo", settings, _logs, readyPath: "/health/ready", readyMeansSuccess: true);

        var log = await File.ReadAllTextAsync(silo.LogPath);
        Assert.Contains(
            "Grain state and reminders are in memory in the 'Production' environment (Cluster:AllowVolatileStorage=true): every accepted event, delivery and retry is lost when this silo stops",
            log,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task DurableStorageOutsideDevelopmentNeedsNoAllowance()
    {
        // Redis storage passes the rule; with no Redis reachable it would hang, so stop it at the next
        // rule instead: the missing connection string is what the one line names, not memory storage.
        var (line, _) = await BadSetting.RunUntilExitAsync("Silo", "Cluster:Storage", "Redis", "Production");

        Assert.DoesNotContain("AllowVolatileStorage", line, StringComparison.Ordinal);
        Assert.Contains("RedisConnectionString", line, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_logs, recursive: true);
}
