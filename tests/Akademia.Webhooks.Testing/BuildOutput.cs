namespace Akademia.Webhooks.Testing;

/// <summary>Where the build put the platform's programs: the same configuration and framework as the running program (a test assembly or the benchmark).</summary>
public static class BuildOutput
{
    private static readonly Dictionary<string, string> AssemblyNames = new(StringComparer.Ordinal)
    {
        ["Silo"] = "Akademia.Webhooks.Silo.dll",
        ["ApiGateway"] = "Akademia.Webhooks.ApiGateway.dll",
    };

    // The running program is in <folder>/<project>/bin/<Configuration>/<tfm>/.
    private static DirectoryInfo Here => new(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));

    /// <summary>The build configuration of the running program (Release or Debug), which is the one its platform programs are built in.</summary>
    public static string Configuration => Here.Parent!.Name;

    /// <summary>The checkout (the folder with Akademia.Orleans.sln) the running program was built in, or the one at or above <paramref name="platformRoot"/>.</summary>
    public static string RepositoryRoot(string? platformRoot = null)
    {
        var root = platformRoot is null ? Here : new DirectoryInfo(platformRoot);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Akademia.Orleans.sln")))
        {
            root = root.Parent;
        }

        return root?.FullName ?? throw new InvalidOperationException($"no Akademia.Orleans.sln above {platformRoot ?? AppContext.BaseDirectory}");
    }

    /// <summary>
    /// The built program of <paramref name="project"/> (<c>Silo</c> or <c>ApiGateway</c>), in this
    /// repository or in the checkout at <paramref name="platformRoot"/> (the benchmark can measure another one).
    /// </summary>
    public static string Assembly(string project, string? platformRoot = null)
    {
        var root = RepositoryRoot(platformRoot);
        var folder = Path.Combine(root, "src", project, "bin", Configuration, Here.Name);
        var path = Path.Combine(folder, AssemblyNames[project]);
        // A checkout from before the assemblies were renamed (Akademia.Orleans.*), for before/after benchmarks.
        var earlier = Path.Combine(folder, AssemblyNames[project].Replace("Akademia.Webhooks.", "Akademia.Orleans.", StringComparison.Ordinal));
        if (!File.Exists(path) && platformRoot is not null && File.Exists(earlier))
        {
            return earlier;
        }

        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} is not built: build the solution (scripts/test.sh does) before running the process tests");
    }
}
