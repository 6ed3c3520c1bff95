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

    public static string Write(RunResult result) => Write([result], single: true);

    /// <summary>One object for one file; an array of them for several.</summary>
    public static string Write(IReadOnlyList<RunResult> results, bool single)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var writer = new JsonTextWriter(text) { Formatting = Formatting.Indented, Indentation = 2 })
        {
            if (single && results.Count == 1)
            {
                WriteResult(writer, results[0]);
            }
            else
            {
                writer.WriteStartArray();
                foreach (var result in results)
                {
                    WriteResult(writer, result);
                }

                writer.WriteEndArray();
            }
        }

        return text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    private static void WriteResult(JsonTextWriter writer, RunResult result)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("schema");
        writer.WriteValue(Schema);
        writer.WritePropertyName("file");
        writer.WriteValue(result.File);
        writer.WritePropertyName("outputs");
        writer.WriteStartObject();
        foreach (var output in result.Evaluation?.Outputs ?? [])
        {
            writer.WritePropertyName(output.Name);
            WriteOutput(writer, output);
        }

        writer.WriteEndObject();
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

    private static void WriteOutput(JsonTextWriter writer, OutputValue output)
    {
        writer.WriteStartObject();
        switch (output.Value)
        {
            case Truth truth when truth.Magnitude.IsExact:
                writer.WritePropertyName("value");
                writer.WriteValue(truth.Probability == 1);
                break;
            case Truth truth:
                writer.WritePropertyName("probability");
                writer.WriteRawValue(NumberFormat.Json(truth.Probability));
                break;
            case Quantity q:
                var value = q.Magnitude.Value / output.Scale;
                Number(writer, "value", value);
                writer.WritePropertyName("unit");
                writer.WriteValue(output.Unit);
                if (!q.Magnitude.IsExact)
                {
                    var stats = Statistics.Of(q.Magnitude, output.Scale);
                    Number(writer, "mean", stats.Mean);
                    Number(writer, "sd", stats.StandardDeviation);
                    Number(writer, "p5", stats.P5);
                    Number(writer, "p25", stats.P25);
                    Number(writer, "p50", stats.P50);
                    Number(writer, "p75", stats.P75);
                    Number(writer, "p95", stats.P95);
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
