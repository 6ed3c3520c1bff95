using CostDsl.Engine;
using CostDsl.Scenarios;

namespace CostDsl.Output.Formats;

/// <summary>Schema <c>costdsl/1</c> (<see cref="JsonReport"/>): one object for one file, an array for several.</summary>
internal sealed class JsonFormat : IOutputFormat
{
    public string Name => "json";

    public string FileExtension => ".json";

    public string Description => "schema costdsl/1, for programs";

    public string Write(IReadOnlyList<RunResult> results, OutputOptions options) => JsonReport.Write(results, single: results.Count == 1, options);

    public string WriteComparison(IReadOnlyList<ScenarioRun> runs, OutputOptions options) => ScenarioJson.Write(runs, single: runs.Count == 1, options);

    /// <summary>The JSON carries the sensitivity shares; people get the tornado chart beside it.</summary>
    public string Beside(IReadOnlyList<RunResult> results) =>
        string.Concat(results.Where(r => r.Sensitivity is not null).Select(r => SensitivityAnalysis.Chart(r.Sensitivity!)));
}
