using System.Globalization;
using CostDsl.Diagnostics;
using CostDsl.Engine;
using CostDsl.Runtime;
using Newtonsoft.Json;

namespace CostDsl.Output;

/// <summary>Writes results as JSON, schema <c>costdsl/1</c> (grammar/costdsl-output.schema.json). Keys keep the order of the file.</summary>
public static class JsonReport
{
    public const string Schema = "costdsl/1";

    public static string Write(RunResult result, JsonOptions? options = null) => Write([result], single: true, options);

    /// <summary>One object for one file; an array of them for several.</summary>
    public static string Write(IReadOnlyList<RunResult> results, bool single, JsonOptions? options = null)
    {
        options ??= JsonOptions.Default;
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var writer = new JsonTextWriter(text) { Formatting = Formatting.Indented, Indentation = 2 })
        {
            if (single && results.Count == 1)
            {
                WriteResult(writer, results[0], options);
            }
            else
            {
                writer.WriteStartArray();
                foreach (var result in results)
                {
                    WriteResult(writer, result, options);
                }

                writer.WriteEndArray();
            }
        }

        return text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    private static void WriteResult(JsonTextWriter writer, RunResult result, JsonOptions options)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("schema");
        writer.WriteValue(Schema);
        writer.WritePropertyName("file");
        writer.WriteValue(result.File);
        var evaluation = result.Evaluation;
        var swept = evaluation is { Axes.Count: > 0 };
        if (evaluation is { Part.IsWhole: false } part)
        {
            // A part of a sharded sweep says which, so that costdsl merge can join the parts and refuse strangers.
            writer.WritePropertyName("part");
            writer.WriteStartObject();
            writer.WritePropertyName("index");
            writer.WriteValue(part.Part.Index);
            writer.WritePropertyName("count");
            writer.WriteValue(part.Part.Count);
            writer.WritePropertyName("points");
            writer.WriteValue(part.GridPoints);
            writer.WritePropertyName("settings");
            writer.WriteValue(part.Part.Settings);
            writer.WriteEndObject();
        }

        writer.WritePropertyName("outputs");
        WriteOutputs(writer, swept ? null : evaluation, 0, options);
        if (swept)
        {
            // A sweep gives one entry per point of the grid, in the order of the grid.
            writer.WritePropertyName("points");
            writer.WriteStartArray();
            for (var point = 0; point < evaluation!.Layout.Points; point++)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("inputs");
                WriteInputs(writer, evaluation, point);
                writer.WritePropertyName("outputs");
                WriteOutputs(writer, evaluation, point, options);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (result.Sensitivity is { } sensitivity)
        {
            writer.WritePropertyName("sensitivity");
            writer.WriteStartObject();
            writer.WritePropertyName("output");
            writer.WriteValue(sensitivity.Output);
            writer.WritePropertyName("inputs");
            writer.WriteStartArray();
            foreach (var input in sensitivity.Inputs)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("name");
                writer.WriteValue(input.Name);
                Number(writer, "share", input.Share);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WritePropertyName("asserts");
        writer.WriteStartArray();
        foreach (var assert in result.Evaluation?.Asserts ?? [])
        {
            writer.WriteStartObject();
            writer.WritePropertyName("file");
            writer.WriteValue(assert.File);
            writer.WritePropertyName("line");
            writer.WriteValue(assert.Line);
            writer.WritePropertyName("message");
            writer.WriteValue(assert.Message);
            writer.WritePropertyName("passed");
            writer.WriteValue(assert.Passed);
            if (assert.FailingPoints.Count > 0)
            {
                // Under sweeps: each point where the assert failed, by its input values as in "points".
                writer.WritePropertyName("failingPoints");
                writer.WriteStartArray();
                foreach (var point in assert.FailingPoints)
                {
                    writer.WriteStartObject();
                    writer.WritePropertyName("inputs");
                    WriteInputs(writer, result.Evaluation!, point);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WritePropertyName("diagnostics");
        writer.WriteStartArray();
        foreach (var diagnostic in result.Diagnostics)
        {
            WriteDiagnostic(writer, diagnostic);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteInputs(JsonTextWriter writer, Evaluation evaluation, int point)
    {
        writer.WriteStartObject();
        foreach (var (axis, value) in evaluation.Inputs(point))
        {
            writer.WritePropertyName(axis.Path);
            writer.WriteStartObject();
            Number(writer, "value", value.Magnitude.Value / axis.Scale);
            writer.WritePropertyName("unit");
            writer.WriteValue(axis.Unit);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteOutputs(JsonTextWriter writer, Evaluation? evaluation, int point, JsonOptions options)
    {
        writer.WriteStartObject();
        foreach (var output in evaluation?.Outputs ?? [])
        {
            writer.WritePropertyName(output.Name);
            WriteOutput(writer, output, evaluation!.Layout, point, options);
        }

        writer.WriteEndObject();
    }

    private static void WriteOutput(JsonTextWriter writer, OutputValue output, Layout layout, int point, JsonOptions options)
    {
        writer.WriteStartObject();
        switch (output.Value)
        {
            case Truth truth:
                var truthAt = PointValue.Of(truth.Magnitude, layout, point, 1);
                if (truthAt.IsUncertain)
                {
                    Number(writer, "probability", truthAt.Value);
                }
                else
                {
                    writer.WritePropertyName("value");
                    writer.WriteValue(truthAt.Value == 1);
                }

                break;
            case Quantity q:
                var at = PointValue.Of(q.Magnitude, layout, point, output.Scale);
                Number(writer, "value", at.Value);
                writer.WritePropertyName("unit");
                writer.WriteValue(output.Unit);
                if (at.Statistics is { } stats)
                {
                    Number(writer, "mean", stats.Mean);
                    Number(writer, "sd", stats.StandardDeviation);
                    Number(writer, "p5", stats.P5);
                    Number(writer, "p25", stats.P25);
                    Number(writer, "p50", stats.P50);
                    Number(writer, "p75", stats.P75);
                    Number(writer, "p95", stats.P95);
                    if (options.Histogram)
                    {
                        var (edges, counts) = Statistics.Histogram(at.Samples!);
                        writer.WritePropertyName("histogram");
                        writer.WriteStartObject();
                        writer.WritePropertyName("edges");
                        writer.WriteStartArray();
                        foreach (var edge in edges)
                        {
                            writer.WriteRawValue(NumberFormat.Json(edge));
                        }

                        writer.WriteEndArray();
                        writer.WritePropertyName("counts");
                        writer.WriteStartArray();
                        foreach (var count in counts)
                        {
                            writer.WriteValue(count);
                        }

                        writer.WriteEndArray();
                        writer.WriteEndObject();
                    }
                }

                break;
        }

        writer.WriteEndObject();
    }

    private static void Number(JsonTextWriter writer, string name, double value)
    {
        writer.WritePropertyName(name);
        writer.WriteRawValue(NumberFormat.Json(value));
    }

    private static void WriteDiagnostic(JsonTextWriter writer, Diagnostic diagnostic)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("severity");
        writer.WriteValue(diagnostic.Severity.ToString().ToLowerInvariant());
        writer.WritePropertyName("code");
        writer.WriteValue(diagnostic.Code.Id);
        writer.WritePropertyName("message");
        writer.WriteValue(diagnostic.Message);
        writer.WritePropertyName("file");
        writer.WriteValue(diagnostic.Span?.File.Path ?? string.Empty);
        writer.WritePropertyName("line");
        writer.WriteValue(diagnostic.Line);
        writer.WritePropertyName("column");
        writer.WriteValue(diagnostic.Column);
        writer.WriteEndObject();
    }
}
