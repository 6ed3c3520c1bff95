using System.Text;
using CostDsl.Runtime;
using CostDsl.Scenarios;

namespace CostDsl.Output;

/// <summary>
/// <c>--scenario all --format table</c>: one row per output, one column per scenario (the base spec
/// first), each cell as the plain table shows it; under sweeps, one such block per point. Then each
/// run's asserts, labelled with its scenario.
/// </summary>
public static class ScenarioTable
{
    public static string Write(ScenarioRun run)
    {
        var text = new StringBuilder();
        text.Append(run.File).Append('\n');
        var columns = run.Columns.ToList();
        var reference = columns.Select(c => c.Result.Evaluation).FirstOrDefault(e => e is not null);
        if (reference is null)
        {
            return text.ToString();
        }

        var names = columns.SelectMany(c => c.Result.Evaluation?.Outputs.Select(o => o.Name) ?? []).Distinct(StringComparer.Ordinal).ToList();
        for (var point = 0; point < reference.Layout.Points; point++)
        {
            var indent = "  ";
            if (reference.Axes.Count > 0)
            {
                text.Append("  ").Append(reference.ShowPoint(point)).Append('\n');
                indent = "    ";
            }

            List<string[]> rows = [["output", .. columns.Select(c => c.Name)]];
            foreach (var name in names)
            {
                rows.Add([name, .. columns.Select(c => Cell(c.Result.Evaluation, name, point))]);
            }

            var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
            foreach (var row in rows)
            {
                text.Append(indent).AppendJoin("  ", row.Select((cell, i) => cell.PadRight(widths[i])));
                TrimEnd(text);
                text.Append('\n');
            }
        }

        foreach (var (name, result) in columns)
        {
            foreach (var assert in result.Evaluation?.Asserts ?? [])
            {
                text.Append("  ").Append(assert.Passed ? "pass" : "FAIL").Append("  ").Append(name).Append(": ").Append(assert.Message)
                    .Append(" (").Append(assert.File).Append(':').Append(assert.Line).Append(")\n");
            }
        }

        return text.ToString();
    }

    /// <summary>An output's cell in one scenario's run; "-" where that run has no such output (it failed, or a point is missing).</summary>
    public static string Cell(Evaluation? evaluation, string name, int point) =>
        evaluation?.Outputs.FirstOrDefault(o => o.Name == name) is { } output && point < evaluation.Layout.Points
            ? OutputText.Cell(output, evaluation.Layout, point)
            : "-";

    private static void TrimEnd(StringBuilder text)
    {
        while (text.Length > 0 && text[^1] == ' ')
        {
            text.Length--;
        }
    }
}
