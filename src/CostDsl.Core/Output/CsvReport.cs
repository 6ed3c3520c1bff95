using System.Text;
using CostDsl.Engine;
using CostDsl.Runtime;
using CostDsl.Scenarios;

namespace CostDsl.Output;

/// <summary>
/// A spreadsheet's view of a run: one row per sweep point (one row without sweeps), the swept
/// inputs first, then each output's value; an uncertain output adds its p5 and p95 columns. A
/// scenario comparison adds a first column, <c>scenario</c>, and one row per scenario and point.
/// The rows are cells first (<see cref="Rows(RunResult)"/>), so that another delimited format writes
/// the same table with its own separator and escaping.
/// </summary>
public static class CsvReport
{
    public static string Write(RunResult result) => Write(Rows(result));

    public static string Write(ScenarioRun run) => Write(Rows(run));

    /// <summary>The header row and a row per point, cells unescaped; none when nothing was evaluated.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Rows(RunResult result) => Rows([(null, result)]);

    /// <summary>As <see cref="Rows(RunResult)"/>, with a first column naming the scenario of each row.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Rows(ScenarioRun run) => Rows([.. run.Columns.Select(c => ((string?)c.Name, c.Result))]);

    private static string Write(IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendJoin(',', row.Select(Quote)).Append('\n');
        }

        return text.ToString();
    }

    private static List<IReadOnlyList<string>> Rows(IReadOnlyList<(string? Scenario, RunResult Result)> runs)
    {
        var rows = new List<IReadOnlyList<string>>();
        var evaluations = runs.Where(r => r.Result.Evaluation is not null).Select(r => (r.Scenario, Evaluation: r.Result.Evaluation!)).ToList();
        if (evaluations.Count == 0)
        {
            return rows;
        }

        var reference = evaluations[0].Evaluation;
        var outputs = evaluations.SelectMany(e => e.Evaluation.Outputs).GroupBy(o => o.Name, StringComparer.Ordinal).Select(g => g.First()).ToList();

        // An output gets p5 and p95 columns when it is uncertain at any point of any run.
        var uncertain = outputs.Select(o => evaluations.Any(e => Find(e.Evaluation, o.Name) is { Value: Quantity q } found
            && Enumerable.Range(0, e.Evaluation.Layout.Points).Any(p => PointValue.Of(q.Magnitude, e.Evaluation.Layout, p, found.Scale).IsUncertain))).ToList();
        var header = new List<string>();
        if (runs[0].Scenario is not null)
        {
            header.Add("scenario");
        }

        header.AddRange(reference.Axes.Select(a => Column(a.Path, a.ShownUnitText)));
        for (var i = 0; i < outputs.Count; i++)
        {
            header.Add(Column(outputs[i].Name, outputs[i].Unit));
            if (uncertain[i])
            {
                header.Add(Column(outputs[i].Name + " p5", outputs[i].Unit));
                header.Add(Column(outputs[i].Name + " p95", outputs[i].Unit));
            }
        }

        rows.Add(header);
        foreach (var (scenario, evaluation) in evaluations)
        {
            for (var point = 0; point < evaluation.Layout.Points; point++)
            {
                var row = new List<string>();
                if (scenario is not null)
                {
                    row.Add(scenario);
                }

                row.AddRange(evaluation.Inputs(point).Select(input => input.Axis.Blocks is null ? NumberFormat.Json(input.Axis.Shown(input.Value)) : input.Axis.Show(input.Value)));
                for (var i = 0; i < outputs.Count; i++)
                {
                    row.AddRange(Cells(Find(evaluation, outputs[i].Name), evaluation.Layout, point, uncertain[i]));
                }

                rows.Add(row);
            }
        }

        return rows;
    }

    private static OutputValue? Find(Evaluation evaluation, string name) => evaluation.Outputs.FirstOrDefault(o => o.Name == name);

    /// <summary>The value (and p5, p95 when the column has them) of an output at a point; empty cells where the run has no such output.</summary>
    private static IEnumerable<string> Cells(OutputValue? output, Layout layout, int point, bool uncertain)
    {
        switch (output?.Value)
        {
            case Truth truth:
                var at = PointValue.Of(truth.Magnitude, layout, point, 1);
                return [at.IsUncertain ? NumberFormat.Json(at.Value) : at.Value == 1 ? "true" : "false", .. uncertain ? new[] { string.Empty, string.Empty } : []];
            case Quantity q:
                var value = PointValue.Of(q.Magnitude, layout, point, output.Scale);
                var cell = NumberFormat.Json(value.Value);
                return uncertain
                    ? [cell, NumberFormat.Json(value.Statistics?.P5 ?? value.Value), NumberFormat.Json(value.Statistics?.P95 ?? value.Value)]
                    : [cell];
            default:
                return uncertain ? [string.Empty, string.Empty, string.Empty] : [string.Empty];
        }
    }

    private static string Column(string name, string unit) => unit.Length == 0 ? name : $"{name} [{unit}]";

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n']) >= 0 ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell;
}
