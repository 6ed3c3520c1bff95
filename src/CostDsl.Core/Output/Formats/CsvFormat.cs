using CostDsl.Engine;
using CostDsl.Scenarios;

namespace CostDsl.Output.Formats;

/// <summary>The spreadsheet view of <see cref="CsvReport"/>: one row per sweep point.</summary>
internal sealed class CsvFormat : IOutputFormat
{
    public string Name => "csv";

    public string FileExtension => ".csv";

    public string Description => "one row per sweep point";

    public string Write(IReadOnlyList<RunResult> results, OutputOptions options) => string.Concat(results.Select(CsvReport.Write));

    public string WriteComparison(IReadOnlyList<ScenarioRun> runs, OutputOptions options) => string.Concat(runs.Select(CsvReport.Write));
}
