using CostDsl.Engine;
using CostDsl.Scenarios;

namespace CostDsl.Output.Formats;

/// <summary>
/// The table of <see cref="CsvReport"/> separated by tabs: what a spreadsheet takes from the clipboard
/// as columns (pasting CSV gives one column of commas), and what <c>cut -f</c> and <c>awk -F'\t'</c> read.
/// TSV has no quoting, so a tab or line break inside a cell (a scenario's or block's name never has
/// one, but a path might) becomes a space rather than splitting the row.
/// </summary>
internal sealed class TsvFormat : IOutputFormat
{
    public string Name => "tsv";

    public string FileExtension => ".tsv";

    public string Description => "tab-separated, one row per sweep point (pastes into a spreadsheet as columns)";

    public string Write(IReadOnlyList<RunResult> results, OutputOptions options) => string.Concat(results.Select(r => Tsv(CsvReport.Rows(r))));

    public string WriteComparison(IReadOnlyList<ScenarioRun> runs, OutputOptions options) => string.Concat(runs.Select(r => Tsv(CsvReport.Rows(r))));

    private static string Tsv(IReadOnlyList<IReadOnlyList<string>> rows) =>
        string.Concat(rows.Select(row => string.Join('\t', row.Select(cell => cell.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' '))) + "\n"));
}
