using System.Text;
using CostDsl.Engine;

namespace CostDsl.Output;

/// <summary>An aligned plain-text table of outputs and asserts, for people at a terminal.</summary>
public static class TableReport
{
    public static string Write(RunResult result)
    {
        var rows = new List<(string Name, string Value)>();
        foreach (var output in result.Evaluation?.Outputs ?? [])
        {
            rows.Add((output.Name, ReadableUnit.Format(output)));
        }

        var text = new StringBuilder();
        text.Append(result.File).Append('\n');
        var width = rows.Count == 0 ? 0 : rows.Max(r => r.Name.Length);
        foreach (var (name, value) in rows)
        {
            text.Append("  ").Append(name.PadRight(width)).Append("  ").Append(value).Append('\n');
        }

        foreach (var assert in result.Evaluation?.Asserts ?? [])
        {
            text.Append("  ").Append(assert.Passed ? "pass" : "FAIL").Append("  ").Append(assert.Message)
                .Append(" (").Append(assert.File).Append(':').Append(assert.Line).Append(")\n");
        }

        return text.ToString();
    }
}
