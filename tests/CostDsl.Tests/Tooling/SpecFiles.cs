using CostDsl.Tests.Support;

namespace CostDsl.Tests.Tooling;

/// <summary>Every .cost file of examples/ and rules/, as paths relative to the repository root.</summary>
public static class SpecFiles
{
    public static IEnumerable<string> All() =>
        new[] { "examples", "rules" }
            .SelectMany(folder => Directory.GetFiles(Repository.PathTo(folder), "*.cost", SearchOption.AllDirectories))
            .Select(path => Path.GetRelativePath(Repository.Root, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    public static IEnumerable<string> Examples() => All().Where(p => p.StartsWith("examples/", StringComparison.Ordinal));
}
