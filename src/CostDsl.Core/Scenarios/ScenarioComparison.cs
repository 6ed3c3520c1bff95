using CostDsl.Modules;
using CostDsl.Diagnostics;
using CostDsl.Engine;
using CostDsl.Parsing;
using CostDsl.Semantics;
using CostDsl.Syntax;

namespace CostDsl.Scenarios;

/// <summary>
/// <c>--scenario all</c> and <c>--scenario a,b</c>: the base spec and each scenario, each evaluated as
/// <c>--scenario NAME</c> alone would be (same seed, so the same numbers), for one table with a column
/// per scenario. A single name that is not <c>all</c> is an ordinary <c>--scenario</c>, and so is
/// <c>all</c> when the spec declares a scenario of that name.
/// </summary>
public static class ScenarioComparison
{
    public const string All = "all";

    /// <summary>Whether <paramref name="scenario"/> asks for a comparison rather than one scenario.</summary>
    public static bool IsComparison(string? scenario) => scenario is not null && (scenario == All || scenario.Contains(',', StringComparison.Ordinal));

    public static ScenarioRun Run(CostEngine engine, string path, EvaluationOptions options, CancellationToken cancellation = default)
    {
        if (Names(engine, path, options) is not { } names)
        {
            // The spec's own scenario named 'all' wins, as it did before comparisons existed.
            return new ScenarioRun(engine.EvaluateFile(path, options, cancellation), []);
        }

        var baseRun = engine.EvaluateFile(path, options with { Scenario = null }, cancellation);
        var scenarios = names.Select(name => (name, engine.EvaluateFile(path, options with { Scenario = name }, cancellation))).ToList();
        return new ScenarioRun(baseRun, scenarios);
    }

    /// <summary>The scenarios <c>--scenario</c> names for this spec, in order; null when 'all' is the spec's own scenario of that name.</summary>
    public static IReadOnlyList<string>? Names(CostEngine engine, string path, EvaluationOptions options)
    {
        var requested = options.Scenario!;
        if (requested != All)
        {
            return [.. requested.Split(',', StringSplitOptions.TrimEntries).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal)];
        }

        var declared = Declared(engine, path, options);
        return declared.Contains(All) ? null : declared;
    }

    /// <summary>The scenarios the spec and its imports declare, in the order they are written (imports first), each once.</summary>
    private static List<string> Declared(CostEngine engine, string path, EvaluationOptions options)
    {
        var found = engine.Sources is FileSystemSources files ? files.Load(Path.GetFullPath(path), path) : null;
        if (found?.File is not { } file)
        {
            return [];
        }

        var (program, _) = DeepStack.Run(() => engine.Check(file, options with { Scenario = null }));
        IEnumerable<SyntaxTree> trees = program is not null ? program.Model.Trees : [Parser.ParseFile(file, new DiagnosticBag())];
        return [.. trees.SelectMany(t => t.OfType<ScenarioDecl>()).Select(s => s.Name).Distinct(StringComparer.Ordinal)];
    }
}
