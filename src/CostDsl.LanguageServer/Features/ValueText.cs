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

    /// <param name="shown">The unit to show a quantity in (the <c>in</c> unit or the written one), or null for a readable one.</param>
    public static string Describe(Value value, Layout layout, Unit? shown)
    {
        var text = new StringBuilder();
        for (var point = 0; point < Math.Min(layout.Points, MaxPoints); point++)
        {
            if (layout.Points > 1)
            {
                text.Append($"point {point + 1} of {layout.Points}: ");
            }

            text.Append(AtPoint(value, layout, point, shown)).Append("  \n");
        }

        if (layout.Points > MaxPoints)
        {
            text.Append($"... {layout.Points - MaxPoints} more points: see `costdsl eval`  \n");
        }

        return text.ToString();
    }

    private static string AtPoint(Value value, Layout layout, int point, Unit? shown)
    {
        switch (value)
        {
            case Truth truth:
                var t = PointValue.Of(truth.Magnitude, layout, point, 1);
                return t.IsUncertain ? $"**P = {NumberFormat.Readable(t.Value * 100)}%**" : t.Value == 1 ? "**true**" : "**false**";
            case Quantity q:
                var unit = shown is not null && shown.Dimension == q.Dimension ? shown : null;
                var at = PointValue.Of(q.Magnitude, layout, point, 1);
                var dimension = q.Dimension.IsNone ? "a number" : q.Dimension.ToString();
                var table = OutputText.Cell(new OutputValue(string.Empty, q, null, null) { WrittenUnit = unit }, layout, point);
                if (at.Statistics is not { } s)
                {
                    return $"**{table}**  \nin base units: {Json(at.Value)}{Suffix(q.Dimension)} (dimension: {dimension})";
                }

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
}
