using CostDsl.Output;
using CostDsl.Runtime;
using Newtonsoft.Json.Linq;

namespace CostDsl.Reporting;

/// <summary>
/// The report's charts as Vega-Lite specifications (rendered in the page by the embedded Vega-Lite
/// and Vega). Values are in the unit the table shows, so the axes read like the table; data is inline,
/// so nothing is fetched.
/// </summary>
public static class PlotSpecs
{
    private const int Width = 520;
    private const int Bins = 30;

    /// <summary>A histogram of an uncertain output's samples with its p5, median and p95 marked; null for an exact value.</summary>
    public static JObject? Distribution(OutputValue output, Layout layout, int point)
    {
        if (output.Value is not Quantity q || PointValue.Of(q.Magnitude, layout, point, 1) is not { Samples: { } samples, Statistics: { } s })
        {
            return null;
        }

        var (_, unit, scale) = OutputText.Choose(s.P50, q.Dimension, OutputText.Shown(output));
        var (edges, counts) = Statistics.Histogram(samples, Bins);
        var bins = new JArray(Enumerable.Range(0, Bins).Select(i => new JObject
        {
            ["from"] = edges[i] / scale,
            ["to"] = edges[i + 1] / scale,
            ["samples"] = counts[i],
        }));
        var marks = new JArray(new[] { ("p5", s.P5), ("median", s.P50), ("p95", s.P95) }.Select(m => new JObject
        {
            ["name"] = m.Item1,
            ["value"] = m.Item2 / scale,
            ["label"] = $"{m.Item1} {NumberFormat.WithUnit(NumberFormat.Readable(m.Item2 / scale), unit)}",
        }));
        var axis = Title(output.Name, unit);
        return new JObject
        {
            ["width"] = Width,
            ["height"] = 180,
            // The percentiles' values go in the subtitle: labels beside the dashed lines would overlap when they are close.
            ["title"] = new JObject
            {
                ["text"] = $"{output.Name}: distribution of {samples.Length.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture)} samples",
                ["subtitle"] = string.Join(" · ", marks.Select(m => (string)m["label"]!)),
            },
            ["layer"] = new JArray
            {
                new JObject
                {
                    ["data"] = new JObject { ["values"] = bins },
                    ["mark"] = new JObject { ["type"] = "rect", ["color"] = "#4c78a8" },
                    ["encoding"] = new JObject
                    {
                        ["x"] = new JObject { ["field"] = "from", ["type"] = "quantitative", ["title"] = axis },
                        ["x2"] = new JObject { ["field"] = "to" },
                        ["y"] = new JObject { ["field"] = "samples", ["type"] = "quantitative", ["title"] = "samples" },
                    },
                },
                new JObject
                {
                    ["data"] = new JObject { ["values"] = marks },
                    ["mark"] = new JObject { ["type"] = "rule", ["color"] = "#e45756", ["strokeDash"] = new JArray(4, 3), ["size"] = 2 },
                    ["encoding"] = new JObject { ["x"] = new JObject { ["field"] = "value", ["type"] = "quantitative" } },
                },
            },
        };
    }

    /// <summary>
    /// An output over a sweep: its value (the median when uncertain, with the p5..p95 band) against the
    /// first swept input, one line per combination of the others; over blocks (the first axis then), one
    /// bar per block in the order written, grouped by the other inputs, with a p5..p95 bar when uncertain.
    /// Inputs read in the units their values were written in. Null for a condition.
    /// </summary>
    public static JObject? Sweep(OutputValue output, Evaluation evaluation)
    {
        if (output.Value is not Quantity q || evaluation.Axes.Count == 0)
        {
            return null;
        }

        var first = evaluation.Axes[0];
        var xUnit = first.ShownUnitText;
        var points = Enumerable.Range(0, evaluation.Layout.Points).Select(p => (Point: p, Value: PointValue.Of(q.Magnitude, evaluation.Layout, p, 1))).ToList();
        var middle = points.Select(p => p.Value.Statistics?.P50 ?? p.Value.Value).OrderBy(v => v).ElementAt(points.Count / 2);
        var (_, unit, scale) = OutputText.Choose(middle, q.Dimension, OutputText.Shown(output));
        var uncertain = points.Any(p => p.Value.IsUncertain);
        var rows = new JArray(points.Select(p =>
        {
            var inputs = evaluation.Inputs(p.Point).ToList();
            var series = string.Join(", ", inputs.Skip(1).Select(i => $"{i.Axis.Path} = {i.Axis.Text(i.Value)}"));
            var value = p.Value.Statistics?.P50 ?? p.Value.Value;
            return new JObject
            {
                ["x"] = first.Blocks is null ? first.Shown(inputs[0].Value) : first.Show(inputs[0].Value),
                ["series"] = series.Length == 0 ? output.Name : series,
                ["value"] = value / scale,
                ["low"] = (p.Value.Statistics?.P5 ?? p.Value.Value) / scale,
                ["high"] = (p.Value.Statistics?.P95 ?? p.Value.Value) / scale,
            };
        }));
        var color = new JObject { ["field"] = "series", ["type"] = "nominal", ["title"] = null };
        var valueTitle = Title(uncertain ? output.Name + (first.Blocks is null ? " (median; band p5..p95)" : " (median; bar p5..p95)") : output.Name, unit);
        if (first.Blocks is not null)
        {
            return BlockBars(output, first, rows, color, valueTitle, uncertain);
        }

        var x = new JObject { ["field"] = "x", ["type"] = "quantitative", ["title"] = Title(first.Path, xUnit) };
        var layers = new JArray();
        if (uncertain)
        {
            layers.Add(new JObject
            {
                ["mark"] = new JObject { ["type"] = "area", ["opacity"] = 0.2 },
                ["encoding"] = new JObject
                {
                    ["x"] = x,
                    ["y"] = new JObject { ["field"] = "low", ["type"] = "quantitative" },
                    ["y2"] = new JObject { ["field"] = "high" },
                    ["color"] = color,
                },
            });
        }

        layers.Add(new JObject
        {
            ["mark"] = new JObject { ["type"] = "line", ["point"] = true },
            ["encoding"] = new JObject
            {
                ["x"] = x,
                ["y"] = new JObject { ["field"] = "value", ["type"] = "quantitative", ["title"] = valueTitle },
                ["color"] = color,
            },
        });
        return new JObject
        {
            ["width"] = Width,
            ["height"] = 220,
            ["title"] = $"{output.Name} over {first.Path}",
            ["data"] = new JObject { ["values"] = rows },
            ["layer"] = layers,
        };
    }

    /// <summary>A sweep over blocks as bars: one per block (in the order written), side by side for each combination of the other inputs.</summary>
    private static JObject BlockBars(OutputValue output, SweepAxis first, JArray rows, JObject color, string valueTitle, bool uncertain)
    {
        // sort: null keeps the blocks in the order the sweep lists them, not alphabetical.
        var x = new JObject { ["field"] = "x", ["type"] = "nominal", ["sort"] = null, ["title"] = first.Path, ["axis"] = new JObject { ["labelAngle"] = 0 } };
        var offset = new JObject { ["field"] = "series" };
        var layers = new JArray
        {
            new JObject
            {
                ["mark"] = new JObject { ["type"] = "bar" },
                ["encoding"] = new JObject
                {
                    ["x"] = x,
                    ["xOffset"] = offset,
                    ["y"] = new JObject { ["field"] = "value", ["type"] = "quantitative", ["title"] = valueTitle },
                    ["color"] = color,
                },
            },
        };
        if (uncertain)
        {
            layers.Add(new JObject
            {
                ["mark"] = new JObject { ["type"] = "rule", ["color"] = "#333" },
                ["encoding"] = new JObject
                {
                    ["x"] = x,
                    ["xOffset"] = offset,
                    ["y"] = new JObject { ["field"] = "low", ["type"] = "quantitative" },
                    ["y2"] = new JObject { ["field"] = "high" },
                },
            });
        }

        return new JObject
        {
            ["width"] = Width,
            ["height"] = 220,
            ["title"] = $"{output.Name} by {first.Path}",
            ["data"] = new JObject { ["values"] = rows },
            ["layer"] = layers,
        };
    }

    /// <summary>The sensitivity ranking as a tornado chart: one bar per input, the largest share on top.</summary>
    public static JObject Tornado(Sensitivity sensitivity)
    {
        var rows = new JArray(sensitivity.Inputs.Select(i => new JObject { ["input"] = i.Name, ["share"] = i.Share * 100 }));
        return new JObject
        {
            ["width"] = Width,
            ["height"] = new JObject { ["step"] = 22 },
            ["title"] = $"share of the variance of {sensitivity.Output} each uncertain input explains",
            ["data"] = new JObject { ["values"] = rows },
            ["mark"] = new JObject { ["type"] = "bar", ["color"] = "#f58518" },
            ["encoding"] = new JObject
            {
                ["y"] = new JObject { ["field"] = "input", ["type"] = "nominal", ["sort"] = "-x", ["title"] = null },
                ["x"] = new JObject { ["field"] = "share", ["type"] = "quantitative", ["title"] = "share of variance (%)", ["scale"] = new JObject { ["domain"] = new JArray(0, 100) } },
            },
        };
    }

    private static string Title(string name, string unit) => unit.Length == 0 ? name : $"{name} ({unit})";
}
