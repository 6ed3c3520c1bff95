using System.Text;
using CostDsl.Engine;
using CostDsl.Runtime;

namespace CostDsl.Output;

/// <summary>An aligned plain-text table of outputs and asserts, for people at a terminal.</summary>
public static class TableReport
{
    public static string Write(RunResult result)
    {
        var text = new StringBuilder();
        text.Append(result.File).Append('\n');
        if (result.Evaluation is { } evaluation)
        {
            for (var point = 0; point < evaluation.Layout.Points; point++)
            {
                var indent = "  ";
                if (evaluation.Axes.Count > 0)
                {
                    text.Append("  ").AppendJoin(", ", evaluation.Inputs(point).Select(i => $"{i.Axis.Path} = {Readable(i.Value.Magnitude.Value, i.Value.Dimension, i.Axis.DisplayUnit is null ? null : i.Axis.Unit, i.Axis.Scale)}")).Append('\n');
                    indent = "    ";
                }

                var rows = evaluation.Outputs.Select(o => (o.Name, Value: Format(o, evaluation.Layout, point))).ToList();
                var width = rows.Count == 0 ? 0 : rows.Max(r => r.Name.Length);
                foreach (var (name, value) in rows)
                {
                    text.Append(indent).Append(name.PadRight(width)).Append("  ").Append(value).Append('\n');
                }
            }

            foreach (var assert in evaluation.Asserts)
            {
                text.Append("  ").Append(assert.Passed ? "pass" : "FAIL").Append("  ").Append(assert.Message)
                    .Append(" (").Append(assert.File).Append(':').Append(assert.Line).Append(')')
                    .AppendJoin(string.Empty, assert.FailingPoints.Select(p => $"\n        at {evaluation.DescribePoint(p)}")).Append('\n');
            }
        }

        if (result.Sensitivity is { } sensitivity)
        {
            text.Append(SensitivityAnalysis.Chart(sensitivity));
        }

        return text.ToString();
    }

    /// <summary>An exact value as one readable number; an uncertain one as <c>p5 .. p95 (median)</c>.</summary>
    private static string Format(OutputValue output, Layout layout, int point)
    {
        switch (output.Value)
        {
            case Truth truth:
                var t = PointValue.Of(truth.Magnitude, layout, point, 1);
                return t.IsUncertain ? $"P = {NumberFormat.Readable(t.Value * 100)}%" : t.Value == 1 ? "true" : "false";
            case Quantity q:
                var at = PointValue.Of(q.Magnitude, layout, point, 1);
                var unit = output.DisplayUnit is null ? null : output.Unit;
                if (at.Statistics is not { } s)
                {
                    return Readable(at.Value, q.Dimension, unit, output.Scale);
                }

                // One unit for all three numbers, chosen for the median.
                var (_, shown, scale) = Choose(s.P50, q.Dimension, unit, output.Scale);
                return $"{NumberFormat.Readable(s.P5 / scale)} .. {NumberFormat.Readable(s.P95 / scale)} ({NumberFormat.Readable(s.P50 / scale)}) {shown}".TrimEnd();
            default:
                return string.Empty;
        }
    }

    private static string Readable(double baseValue, Units.Dimension dimension, string? unit, double scale)
    {
        var (value, shown, _) = Choose(baseValue, dimension, unit, scale);
        return shown.Length == 0 ? NumberFormat.Readable(value) : $"{NumberFormat.Readable(value)} {shown}";
    }

    /// <summary>The unit the spec chose with <c>in</c>, else a readable one: the value in it, its name, and base units per unit.</summary>
    private static (double Value, string Unit, double Scale) Choose(double baseValue, Units.Dimension dimension, string? unit, double scale)
    {
        if (unit is not null)
        {
            return (baseValue / scale, unit, scale);
        }

        var (value, readable) = ReadableUnit.Choose(baseValue, dimension);
        return (value, readable, value == 0 ? 1 : baseValue / value);
    }
}
