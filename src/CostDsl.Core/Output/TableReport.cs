using System.Text;
using CostDsl.Engine;
using CostDsl.Runtime;

namespace CostDsl.Output;

/// <summary>An aligned plain-text table of outputs and asserts, for people at a terminal.</summary>
public static class TableReport
{
    /// <summary>The table of one run; <paramref name="histogram"/> draws a text histogram under each uncertain output.</summary>
    public static string Write(RunResult result, bool histogram = false)
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
                    text.Append("  ").AppendJoin(", ", [evaluation.ShowPoint(point)]).Append('\n');
                    indent = "    ";
                }

                var width = evaluation.Outputs.Count == 0 ? 0 : evaluation.Outputs.Max(o => o.Name.Length);
                foreach (var output in evaluation.Outputs)
                {
                    text.Append(indent).Append(output.Name.PadRight(width)).Append("  ").Append(OutputText.Cell(output, evaluation.Layout, point)).Append('\n');
                    if (histogram)
                    {
                        text.Append(OutputText.Histogram(output, evaluation.Layout, point, indent + "  "));
                    }
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
}
