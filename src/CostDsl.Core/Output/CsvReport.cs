using System.Text;
using CostDsl.Engine;

namespace CostDsl.Output;

/// <summary>
/// A spreadsheet's view of a run: one row per sweep point (one row without sweeps), the swept
/// inputs first, then each output's value; an uncertain output adds its p5 and p95 columns.
/// </summary>
public static class CsvReport
{
    public static string Write(RunResult result)
    {
        var text = new StringBuilder();
        if (result.Evaluation is not { } evaluation)
        {
            return text.ToString();
        }

        var uncertain = evaluation.Outputs.Select(o => Enumerable.Range(0, evaluation.Layout.Points)
            .Any(p => o.Value is Runtime.Quantity q && PointValue.Of(q.Magnitude, evaluation.Layout, p, o.Scale).IsUncertain)).ToList();
        var header = new List<string>();
        header.AddRange(evaluation.Axes.Select(a => Column(a.Path, a.Unit)));
        for (var i = 0; i < evaluation.Outputs.Count; i++)
        {
            var output = evaluation.Outputs[i];
            header.Add(Column(output.Name, output.Unit));
            if (uncertain[i])
            {
                header.Add(Column(output.Name + " p5", output.Unit));
                header.Add(Column(output.Name + " p95", output.Unit));
            }
        }

        text.AppendJoin(',', header.Select(Quote)).Append('\n');
        for (var point = 0; point < evaluation.Layout.Points; point++)
        {
            var row = new List<string>();
            row.AddRange(evaluation.Inputs(point).Select(input => NumberFormat.Json(input.Value.Magnitude.Value / input.Axis.Scale)));
            for (var i = 0; i < evaluation.Outputs.Count; i++)
            {
                var output = evaluation.Outputs[i];
                if (output.Value is Runtime.Truth truth)
                {
                    var at = PointValue.Of(truth.Magnitude, evaluation.Layout, point, 1);
                    row.Add(at.IsUncertain ? NumberFormat.Json(at.Value) : at.Value == 1 ? "true" : "false");
                    continue;
                }

                var value = PointValue.Of(((Runtime.Quantity)output.Value).Magnitude, evaluation.Layout, point, output.Scale);
                row.Add(NumberFormat.Json(value.Value));
                if (uncertain[i])
                {
                    row.Add(value.Statistics is { } s ? NumberFormat.Json(s.P5) : NumberFormat.Json(value.Value));
                    row.Add(value.Statistics is { } t ? NumberFormat.Json(t.P95) : NumberFormat.Json(value.Value));
                }
            }

            text.AppendJoin(',', row).Append('\n');
        }

        return text.ToString();
    }

    private static string Column(string name, string unit) => unit.Length == 0 ? name : $"{name} [{unit}]";

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n']) >= 0 ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell;
}
