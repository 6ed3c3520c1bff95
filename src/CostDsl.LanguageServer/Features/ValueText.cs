using System.Text;
using CostDsl.Output;
using CostDsl.Runtime;
using CostDsl.Units;

namespace CostDsl.LanguageServer.Features;

/// <summary>
/// A value as hover shows it: first exactly as <c>costdsl eval --format table</c> prints it (one
/// readable number, or <c>p5 .. p95 (median)</c> in one unit chosen for the median), then in base
/// units as the JSON holds it, with the mean and spread when it is uncertain.
/// </summary>
public static class ValueText
{
    /// <summary>Most sweep points listed one by one.</summary>
    public const int MaxPoints = 12;

    public static string Describe(Value value, Layout layout, Unit? displayUnit, string? unitText)
    {
        var text = new StringBuilder();
        for (var point = 0; point < Math.Min(layout.Points, MaxPoints); point++)
        {
            if (layout.Points > 1)
            {
                text.Append($"point {point + 1} of {layout.Points}: ");
            }

            text.Append(AtPoint(value, layout, point, displayUnit, unitText)).Append("  \n");
        }

        if (layout.Points > MaxPoints)
        {
            text.Append($"... {layout.Points - MaxPoints} more points: see `costdsl eval`  \n");
        }

        return text.ToString();
    }

    private static string AtPoint(Value value, Layout layout, int point, Unit? displayUnit, string? unitText)
    {
        switch (value)
        {
            case Truth truth:
                var t = PointValue.Of(truth.Magnitude, layout, point, 1);
                return t.IsUncertain ? $"**P = {NumberFormat.Readable(t.Value * 100)}%**" : t.Value == 1 ? "**true**" : "**false**";
            case Quantity q:
                var unit = displayUnit is not null && displayUnit.Dimension == q.Dimension ? (unitText ?? displayUnit.Name) : null;
                var scale = unit is null ? 1 : displayUnit!.Scale;
                var at = PointValue.Of(q.Magnitude, layout, point, 1);
                var dimension = q.Dimension.IsNone ? "a number" : q.Dimension.ToString();
                if (at.Statistics is not { } s)
                {
                    return $"**{Readable(at.Value, q.Dimension, unit, scale)}**  \nin base units: {Json(at.Value)}{Suffix(q.Dimension)} (dimension: {dimension})";
                }

                var (_, shown, chosenScale) = Choose(s.P50, q.Dimension, unit, scale);
                var table = $"{NumberFormat.Readable(s.P5 / chosenScale)} .. {NumberFormat.Readable(s.P95 / chosenScale)} ({NumberFormat.Readable(s.P50 / chosenScale)}) {shown}".TrimEnd();
                return $"**{table}** (p5 .. p95, median)  \nin base units: mean {Json(s.Mean)}{Suffix(q.Dimension)}, sd {Json(s.StandardDeviation)}, "
                    + $"p5 {Json(s.P5)}, p50 {Json(s.P50)}, p95 {Json(s.P95)} (dimension: {dimension}; {at.Samples?.Length ?? 0} samples)";
            case BlockValue block:
                return block.Block.Describe();
            case ListValue list:
                return $"a list of {list.Items.Length}";
            default:
                return string.Empty;
        }
    }

    private static string Suffix(Dimension dimension) => dimension.IsNone ? string.Empty : $" {dimension}";

    private static string Json(double value) => NumberFormat.Json(value);

    private static string Readable(double baseValue, Dimension dimension, string? unit, double scale)
    {
        var (value, shown, _) = Choose(baseValue, dimension, unit, scale);
        return shown.Length == 0 ? NumberFormat.Readable(value) : $"{NumberFormat.Readable(value)} {shown}";
    }

    /// <summary>The unit the spec chose with <c>in</c>, else a readable one, as the table picks it.</summary>
    private static (double Value, string Unit, double Scale) Choose(double baseValue, Dimension dimension, string? unit, double scale)
    {
        if (unit is not null)
        {
            return (baseValue / scale, unit, scale);
        }

        var (value, readable) = ReadableUnit.Choose(baseValue, dimension);
        return (value, readable, value == 0 ? 1 : baseValue / value);
    }
}
