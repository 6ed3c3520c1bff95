using CostDsl.Engine;
using CostDsl.Scenarios;

namespace CostDsl.Output.Formats;

/// <summary>The aligned plain-text table of <see cref="TableReport"/>, for a terminal.</summary>
internal sealed class TableFormat : IOutputFormat
{
    public string Name => "table";

    public string FileExtension => ".txt";

    public string Description => "aligned text for a terminal";

    public string Write(IReadOnlyList<RunResult> results, OutputOptions options) => string.Concat(results.Select(r => TableReport.Write(r, options.Histogram)));

    public string WriteComparison(IReadOnlyList<ScenarioRun> runs, OutputOptions options) => string.Concat(runs.Select(ScenarioTable.Write));
}
