using CostDsl.Diagnostics;
using CostDsl.Engine;
using CostDsl.Output;
using CostDsl.Output.Formats;
using CostDsl.Scenarios;

namespace CostDsl.Cli;

/// <summary><c>costdsl eval --scenario all</c> (or <c>a,b</c>): the base spec and each scenario side by side, in every format.</summary>
internal static class EvalScenarios
{
    public static int Run(CliIO io, CostEngine engine, IReadOnlyList<string> files, EvaluationOptions options, IOutputFormat format, OutputOptions outputOptions, string? path)
    {
        var runs = files.Select(file => ScenarioComparison.Run(engine, file, options)).ToList();

        // The runs share the spec, so mostly its diagnostics: each is said once.
        foreach (var rendered in runs.SelectMany(r => r.Columns).SelectMany(c => c.Result.Diagnostics).Select(DiagnosticRenderer.Render).Distinct(StringComparer.Ordinal))
        {
            io.Error.Write(rendered);
        }

        var text = format.WriteComparison(runs, outputOptions);
        if (path is not null)
        {
            if (!io.TryWriteFile(path, text))
            {
                return ExitCodes.Failure;
            }
        }
        else
        {
            io.Output.Write(text);
        }

        return runs.Max(r => r.ExitCode);
    }
}
