using System.Text;
using CostDsl.Engine;
using CostDsl.Runtime;
using CostDsl.Scenarios;
using CostDsl.Tooling;

namespace CostDsl.Output.Formats;

/// <summary>
/// GitHub-flavoured Markdown for a pull request or a wiki page: per spec file, a table of outputs (one value column,
/// or one column per sweep point, headed by its inputs) in readable units, then the asserts with pass or FAIL.
/// Values read as in explain and diff (<see cref="ShownValue"/>): <c>17</c>, <c>0.448 (p5 0.35 .. p95 0.55)</c>.
/// </summary>
internal sealed class MarkdownFormat : IOutputFormat
{
    public string Name => "markdown";

    public string FileExtension => ".md";

    public string Description => "tables for a pull request or a wiki";

    public string Write(IReadOnlyList<RunResult> results, OutputOptions options)
    {
        var text = new StringBuilder();
        foreach (var result in results)
        {
            text.Append("### `").Append(result.File).Append("`\n\n");
            if (result.Evaluation is { } evaluation)
            {
                Outputs(evaluation, text);
                Asserts(evaluation, text);
            }

            var errors = result.Diagnostics.Count(d => d.Severity == Diagnostics.Severity.Error);
            if (errors > 0)
            {
                text.Append(errors).Append(errors == 1 ? " error" : " errors").Append(" (see the diagnostics)\n\n");
            }
        }

        return text.ToString();
    }

    /// <summary>Per spec file, one table with a column per scenario (the base spec first), one block per sweep point.</summary>
    public string WriteComparison(IReadOnlyList<ScenarioRun> runs, OutputOptions options)
    {
        var text = new StringBuilder();
        foreach (var run in runs)
        {
            text.Append("### `").Append(run.File).Append("`\n\n");
            var columns = run.Columns.ToList();
            if (columns.Select(c => c.Result.Evaluation).FirstOrDefault(e => e is not null) is not { } reference)
            {
                continue;
            }

            var names = columns.SelectMany(c => c.Result.Evaluation?.Outputs.Select(o => o.Name) ?? []).Distinct(StringComparer.Ordinal).ToList();
            for (var point = 0; point < reference.Layout.Points; point++)
            {
                if (reference.Axes.Count > 0)
                {
                    text.Append("**").Append(reference.ShowPoint(point)).Append("**\n\n");
                }

                Row(text, ["output", .. columns.Select(c => c.Name)]);
                Row(text, [.. Enumerable.Repeat("---", columns.Count + 1)]);
                foreach (var name in names)
                {
                    Row(text, [$"`{name}`", .. columns.Select(c => ScenarioTable.Cell(c.Result.Evaluation, name, point))]);
                }

                text.Append('\n');
            }

            foreach (var (name, result) in columns.Where(c => c.Result.Evaluation is not null))
            {
                text.Append("#### ").Append(name).Append("\n\n");
                Asserts(result.Evaluation!, text);
            }
        }

        return text.ToString();
    }

    private static void Outputs(Evaluation evaluation, StringBuilder text)
    {
        if (evaluation.Outputs.Count == 0)
        {
            return;
        }

        var points = Enumerable.Range(0, evaluation.Layout.Points).ToList();
        var headings = evaluation.Axes.Count == 0 ? ["value"] : points.Select(evaluation.ShowPoint).ToList();
        Row(text, ["output", .. headings]);
        Row(text, [.. Enumerable.Repeat("---", headings.Count + 1)]);
        foreach (var output in evaluation.Outputs)
        {
            Row(text, [$"`{output.Name}`", .. points.Select(p => ShownValue.Of(AtPoint(output.Value, evaluation.Layout, p), output.DisplayUnit, output.UnitText).ToString())]);
        }

        text.Append('\n');
    }

    private static void Asserts(Evaluation evaluation, StringBuilder text)
    {
        if (evaluation.Asserts.Count == 0)
        {
            return;
        }

        Row(text, ["assert", "result"]);
        Row(text, ["---", "---"]);
        foreach (var assert in evaluation.Asserts)
        {
            var failing = assert.FailingPoints.Count == 0 ? string.Empty : " at " + string.Join("; ", assert.FailingPoints.Select(evaluation.DescribePoint));
            Row(text, [$"{assert.Message} ({assert.File}:{assert.Line})", assert.Passed ? "pass" : "**FAIL**" + failing]);
        }

        text.Append('\n');
    }

    /// <summary>A table row; a pipe inside a cell (a message may hold one) is escaped so that it stays in its cell.</summary>
    private static void Row(StringBuilder text, IEnumerable<string> cells) =>
        text.Append("| ").AppendJoin(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))).Append(" |\n");

    /// <summary>One sweep point's part of a value (all of it without sweeps).</summary>
    private static Value AtPoint(Value value, Layout layout, int point)
    {
        Magnitude Slice(Magnitude m)
        {
            if (m.IsExact || layout.Points == 1)
            {
                return m;
            }

            // A point whose samples are all one value is exact there (a swept input with nothing uncertain).
            var slice = m.Samples.Slice(point * layout.Samples, layout.Samples);
            return slice.ContainsAnyExcept(slice[0]) ? Magnitude.Sampled(slice.ToArray()) : Magnitude.Exact(slice[0]);
        }

        return value switch
        {
            Quantity q => q with { Magnitude = Slice(q.Magnitude) },
            Truth t => t with { Magnitude = Slice(t.Magnitude) },
            _ => value,
        };
    }
}
