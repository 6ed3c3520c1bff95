using System.Globalization;
using System.Text;

namespace CostDsl.Validation;

/// <summary>The validate report for people: one line a measured figure, then the summary.</summary>
public static class ValidationTable
{
    public static string Render(ValidationReport report)
    {
        var lines = new List<string[]> { new[] { "case", "metric", "measured", "predicted", "90% interval", "error" } };
        foreach (var row in report.Rows)
        {
            var e = row.Estimate;
            lines.Add(e.Prediction is { } p
                ? [row.CaseId, e.Metric, Number(e.Measured), Number(p.Median), $"{Number(p.P5)} .. {Number(p.P95)}", Percent(e.Error!.Value, signed: true)]
                : [row.CaseId, e.Metric, Number(e.Measured), "-", "-", "not estimated: " + e.Reason]);
        }

        var widths = Enumerable.Range(0, 5).Select(i => lines.Max(l => l[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            for (var i = 0; i < 5; i++)
            {
                text.Append(i is 2 or 3 ? line[i].PadLeft(widths[i]) : line[i].PadRight(widths[i])).Append("  ");
            }

            text.Append(line[5]).Append('\n');
        }

        text.Append('\n').Append(Summary(report.Summary)).Append('\n');
        return text.ToString();
    }

    public static string Summary(ValidationSummary s) =>
        $"{s.Estimated} of {s.Cases} measured values estimated; median APE {Optional(s.MedianApe)}, mean APE {Optional(s.MeanApe)}, "
        + $"worst APE {Optional(s.WorstApe)}, inside the 90% interval {Optional(s.Coverage90)}";

    /// <summary>Three significant digits, plain notation, invariant culture.</summary>
    public static string Number(double value) =>
        value == 0 ? "0" : Math.Round(value, Math.Max(0, 2 - (int)Math.Floor(Math.Log10(Math.Abs(value))))).ToString("#,0.###", CultureInfo.InvariantCulture);

    public static string Percent(double fraction, bool signed = false) =>
        (fraction * 100).ToString(signed ? "+0.0;-0.0;0.0" : "0.0", CultureInfo.InvariantCulture) + "%";

    private static string Optional(double? fraction) => fraction is { } f ? Percent(f) : "n/a";
}
