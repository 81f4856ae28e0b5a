namespace Akademia.Webhooks.Tests.Infrastructure;

/// <summary>Where the build put the platform's programs: beside this test assembly's configuration.</summary>
public static class BuildOutput
{
    private static readonly Dictionary<string, string> AssemblyNames = new(StringComparer.Ordinal)
    {
        ["Silo"] = "Akademia.Webhooks.Silo.dll",
        ["ApiGateway"] = "Akademia.Webhooks.ApiGateway.dll",
    };

    public static string Assembly(string project)
    {
        // This assembly runs from tests/<project>/bin/<Configuration>/<tfm>/.
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Akademia.Orleans.sln")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException($"no Akademia.Orleans.sln above {AppContext.BaseDirectory}");
        }

        var path = Path.Combine(root.FullName, "src", project, "bin", configuration, framework, AssemblyNames[project]);
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} is not built: build the solution (scripts/test.sh does) before running the process tests");
    }
}
