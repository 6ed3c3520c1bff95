using CostDsl.Diagnostics;
using CostDsl.Engine;
using CostDsl.Runtime;

namespace CostDsl.Output;

/// <summary>Writes results as JSON, schema <c>costdsl/1</c> (grammar/costdsl-output.schema.json). Keys keep the order of the file.</summary>
public static class JsonReport
{
    public const string Schema = "costdsl/1";

    public static string Write(RunResult result, OutputOptions? options = null) => Write([result], single: true, options);

    /// <summary>One object for one file; an array of them for several.</summary>
    public static string Write(IReadOnlyList<RunResult> results, bool single, OutputOptions? options = null)
    {
        options ??= OutputOptions.Default;
        var text = JsonOut.Write(json =>
        {
            if (single && results.Count == 1)
            {
                WriteResult(json, results[0], options);
            }
            else
            {
                json.Array(results, result => WriteResult(json, result, options));
            }
        });

        // A part of a sharded sweep is sealed, so that costdsl merge can tell it from a part edited by hand.
        return results.Any(r => r.Evaluation is { Part.IsWhole: false }) ? PartDigest.Seal(text) : text;
    }

    private static void WriteResult(JsonOut json, RunResult result, OutputOptions options) => json.Object(() =>
    {
        json.String("schema", Schema).String("file", result.File);
        var evaluation = result.Evaluation;
        var swept = evaluation is { Axes.Count: > 0 };
        if (evaluation is { Part.IsWhole: false } part)
        {
            // A part of a sharded sweep says which, so that costdsl merge can join the parts and refuse strangers.
            json.Object("part", () => json
                .Integer("index", part.Part.Index)
                .Integer("count", part.Part.Count)
                .Integer("points", part.GridPoints)
                .String("settings", part.Part.Settings)
                .String("sources", result.Sources ?? string.Empty)
                .String("digest", PartDigest.Placeholder));
        }

        WriteOutputs(json, swept ? null : evaluation, 0, options);
        if (swept)
        {
            // A sweep gives one entry per point of the grid, in the order of the grid.
            json.Array("points", Enumerable.Range(0, evaluation!.Layout.Points), point => json.Object(() =>
            {
                WriteInputs(json, evaluation, point);
                WriteOutputs(json, evaluation, point, options);
            }));
        }

        if (result.Sensitivity is { } sensitivity)
        {
            json.Object("sensitivity", () => json
                .String("output", sensitivity.Output)
                .Array("inputs", sensitivity.Inputs, input => json.Object(() => json.String("name", input.Name).Number("share", input.Share))));
        }

        json.Array("asserts", result.Evaluation?.Asserts ?? [], assert => json.Object(() =>
        {
            json.String("file", assert.File).Integer("line", assert.Line).String("message", assert.Message).Boolean("passed", assert.Passed);
            if (assert.FailingPoints.Count > 0)
            {
                // Under sweeps: each point where the assert failed, by its input values as in "points".
                json.Array("failingPoints", assert.FailingPoints, point => json.Object(() => WriteInputs(json, result.Evaluation!, point)));
            }
        }));
        json.Array("diagnostics", result.Diagnostics, diagnostic => WriteDiagnostic(json, diagnostic));
    });

    private static void WriteInputs(JsonOut json, Evaluation evaluation, int point) =>
        json.Object("inputs", () =>
        {
            foreach (var (axis, value) in evaluation.Inputs(point))
            {
                // A block axis's value is the block's name (costdsl/1 allows a string there).
                if (axis.Blocks is not null)
                {
                    json.String(axis.Path, axis.Show(value));
                }
                else
                {
                    json.Object(axis.Path, () => json.Number("value", value.Magnitude.Value / axis.Scale).String("unit", axis.Unit));
                }
            }
        });

    private static void WriteOutputs(JsonOut json, Evaluation? evaluation, int point, OutputOptions options) =>
        json.Object("outputs", () =>
        {
            foreach (var output in evaluation?.Outputs ?? [])
            {
                json.Object(output.Name, (Output: output, evaluation!.Layout, Point: point, Options: options), static (json, s) => WriteOutput(json, s.Output, s.Layout, s.Point, s.Options));
            }
        });

    private static void WriteOutput(JsonOut json, OutputValue output, Layout layout, int point, OutputOptions options)
    {
        switch (output.Value)
        {
            case Truth truth:
                var truthAt = PointValue.Of(truth.Magnitude, layout, point, 1);
                if (truthAt.IsUncertain)
                {
                    json.Number("probability", truthAt.Value);
                }
                else
                {
                    json.Boolean("value", truthAt.Value == 1);
                }

                break;
            case Quantity q:
                var at = PointValue.Of(q.Magnitude, layout, point, output.Scale);
                json.Number("value", at.Value).String("unit", output.Unit);
                if (at.Statistics is { } stats)
                {
                    json.Number("mean", stats.Mean).Number("sd", stats.StandardDeviation)
                        .Number("p5", stats.P5).Number("p25", stats.P25).Number("p50", stats.P50).Number("p75", stats.P75).Number("p95", stats.P95);
                    if (options.Histogram)
                    {
                        var (edges, counts) = Statistics.Histogram(at.Samples!);
                        json.Object("histogram", () => json
                            .Array("edges", edges, edge => json.Number(edge))
                            .Array("counts", counts, count => json.Integer(count)));
                    }
                }

                break;
        }
    }

    private static void WriteDiagnostic(JsonOut json, Diagnostic diagnostic) => json.Object(() => json
        .String("severity", diagnostic.Severity.ToString().ToLowerInvariant())
        .String("code", diagnostic.Code.Id)
        .String("message", diagnostic.Message)
        .String("file", diagnostic.Span?.File.Path ?? string.Empty)
        .Integer("line", diagnostic.Line)
        .Integer("column", diagnostic.Column));
}
