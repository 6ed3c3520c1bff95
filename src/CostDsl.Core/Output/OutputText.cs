using System.Text;
using CostDsl.Runtime;
using CostDsl.Units;

namespace CostDsl.Output;

/// <summary>
/// An output's value as people read it, shared by the table, the scenario table and the HTML report:
/// in the unit chosen with <c>in</c>, else the unit its expression was written in, else a readable
/// one; an uncertain value as <c>p5 .. p95 (median)</c>, all three numbers in one unit and one style.
/// </summary>
public static class OutputText
{
    /// <summary>An exact value as one number with its unit; an uncertain one as <c>p5 .. p95 (median) unit</c>.</summary>
    public static string Cell(OutputValue output, Layout layout, int point)
    {
        switch (output.Value)
        {
            case Truth truth:
                var t = PointValue.Of(truth.Magnitude, layout, point, 1);
                return t.IsUncertain ? $"P = {NumberFormat.Readable(t.Value * 100)}%" : t.Value == 1 ? "true" : "false";
            case Quantity q:
                var at = PointValue.Of(q.Magnitude, layout, point, 1);
                var unit = Shown(output);
                if (at.Statistics is not { } s)
                {
                    return Quantity(at.Value, q.Dimension, unit);
                }

                // One unit for all three numbers, chosen for the median, and one style of number.
                var (_, shown, scale) = Choose(s.P50, q.Dimension, unit);
                var numbers = NumberFormat.ReadableAll(s.P5 / scale, s.P95 / scale, s.P50 / scale);
                return NumberFormat.WithUnit($"{numbers[0]} .. {numbers[1]} ({numbers[2]})", shown);
            default:
                return string.Empty;
        }
    }

    /// <summary>The unit an output is shown in for people: <c>in</c>'s, else the written one, else null (readable).</summary>
    public static Unit? Shown(OutputValue output) =>
        output.DisplayUnit is { } display ? display with { Name = output.Unit } : output.WrittenUnit;

    /// <summary>A value in base units, shown in <paramref name="unit"/> or a readable unit.</summary>
    public static string Quantity(double baseValue, Dimension dimension, Unit? unit)
    {
        var (value, shown, _) = Choose(baseValue, dimension, unit);
        return NumberFormat.WithUnit(NumberFormat.Readable(value), shown);
    }

    /// <summary>
    /// A text histogram of an uncertain output at a point: ten equal-width bins from the smallest
    /// sample to the largest, each with its range, a bar scaled to the fullest bin and its share.
    /// Empty for an exact value.
    /// </summary>
    public static string Histogram(OutputValue output, Layout layout, int point, string indent, int bins = 10, int width = 40)
    {
        if (output.Value is not Quantity q || PointValue.Of(q.Magnitude, layout, point, 1) is not { Samples: { } samples, Statistics: { } s })
        {
            return string.Empty;
        }

        var (_, shown, scale) = Choose(s.P50, q.Dimension, Shown(output));
        var (edges, counts) = Statistics.Histogram(samples, bins);
        var labels = NumberFormat.ReadableAll([.. edges.Select(e => e / scale)]);
        var low = Enumerable.Range(0, bins).Select(i => labels[i]).ToList();
        var high = Enumerable.Range(0, bins).Select(i => labels[i + 1]).ToList();
        var (lowWidth, highWidth) = (low.Max(l => l.Length), high.Max(h => h.Length));
        var fullest = Math.Max(1, counts.Max());
        var text = new StringBuilder();
        for (var i = 0; i < bins; i++)
        {
            var bar = new string('#', (int)Math.Round((double)counts[i] * width / fullest));
            var share = NumberFormat.Readable(100.0 * counts[i] / samples.Length);
            text.Append(indent).Append(low[i].PadLeft(lowWidth)).Append(" .. ").Append(high[i].PadLeft(highWidth))
                .Append(shown.Length == 0 ? string.Empty : " " + shown).Append(" | ").Append(bar.PadRight(width)).Append(' ').Append(share).Append("%\n");
        }

        return text.ToString();
    }

    /// <summary>The unit to show a value in: the value in it, its name, and base units per unit.</summary>
    public static (double Value, string Unit, double Scale) Choose(double baseValue, Dimension dimension, Unit? unit)
    {
        if (unit is not null)
        {
            return (baseValue / unit.Scale, unit.Name, unit.Scale);
        }

        var (value, readable) = ReadableUnit.Choose(baseValue, dimension);
        return (value, readable, value == 0 ? 1 : baseValue / value);
    }
}
