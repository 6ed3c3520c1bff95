using System.Text;

namespace CostDsl.Validation;

/// <summary>The per-file, per-metric summary as a Markdown table: what README.md shows between its validation markers.</summary>
public static class ValidationMarkdown
{
    public static string Render(ValidationReport report)
    {
        var text = new StringBuilder();
        text.Append("| file | metric | cases | estimated | median APE | 90% coverage |\n");
        text.Append("|---|---|---:|---:|---:|---:|\n");
        foreach (var (file, metric, s) in report.ByFileAndMetric)
        {
            text.Append($"| `{file.Replace('\\', '/')}` | `{metric}` | {s.Cases} | {s.Estimated} | {Optional(s.MedianApe)} | {Optional(s.Coverage90)} |\n");
        }

        return text.ToString();
    }

    private static string Optional(double? fraction) => fraction is { } f ? ValidationTable.Percent(f) : "n/a";
}
