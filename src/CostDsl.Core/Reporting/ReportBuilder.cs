using CostDsl.Modules;
using CostDsl.Diagnostics;
using CostDsl.Engine;
using CostDsl.Runtime;
using CostDsl.Semantics;
using CostDsl.Text;
using CostDsl.Tooling.Explaining;

namespace CostDsl.Reporting;

/// <summary>
/// Runs one file for a report: the evaluation that <c>costdsl eval</c> with the same options gives
/// (same seed, same numbers), and each output's derivation from the explain machinery, evaluated with
/// the same samples and seed.
/// </summary>
public static class ReportBuilder
{
    /// <summary>One section per file; under <c>--scenario all</c> (or <c>a,b</c>) one per file and scenario, the base spec first.</summary>
    public static IReadOnlyList<ReportSection> Build(CostEngine engine, IEnumerable<string> paths, EvaluationOptions options, CancellationToken cancellation = default) =>
        [.. paths.SelectMany(path => Scenarios.ScenarioComparison.IsComparison(options.Scenario) && Scenarios.ScenarioComparison.Names(engine, path, options) is { } names
            ? names.Select(n => (string?)n).Prepend(null).Select(name =>
                Build(engine, path, options with { Scenario = name }, cancellation) with { Scenario = name ?? Scenarios.ScenarioRun.BaseLabel })
            : [Build(engine, path, options, cancellation)])];

    public static ReportSection Build(CostEngine engine, string path, EvaluationOptions options, CancellationToken cancellation = default)
    {
        var result = engine.EvaluateFile(path, options, cancellation);
        // A failed assert still leaves a checked program to explain; a static error does not (Check returns null).
        if (result.Evaluation is null)
        {
            return new ReportSection(result, []);
        }

        var found = engine.Sources is FileSystemSources files ? files.Load(Path.GetFullPath(path), path) : null;
        if (found?.File is not { } file)
        {
            return new ReportSection(result, []);
        }

        // Explain walks the checked program on the deep stack, as the evaluation did.
        var derivations = DeepStack.Run(() => Derive(engine, file, options, result.Evaluation.Outputs.Select(o => o.Name), cancellation));
        return new ReportSection(result, derivations);
    }

    private static IReadOnlyList<ExplainNode> Derive(CostEngine engine, SourceFile file, EvaluationOptions options, IEnumerable<string> outputs, CancellationToken cancellation)
    {
        var (program, _) = engine.Check(file, options);
        if (program is null)
        {
            return [];
        }

        // Its diagnostics repeat the evaluation's, which the report already lists.
        var explainer = new Explainer(program, new DiagnosticBag(), Explainer.DefaultDepth, new Sampling(options.Samples, options.Seed), cancellation);
        return [.. outputs.Select(explainer.Explain).OfType<ExplainNode>()];
    }
}
