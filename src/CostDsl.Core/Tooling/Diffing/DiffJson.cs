using System.Globalization;
using CostDsl.Output;
using Newtonsoft.Json;

namespace CostDsl.Tooling.Diffing;

/// <summary>
/// A diff as JSON (schema <c>costdsl-diff/1</c>): <c>{schema, old, new, outputs:[{name, status,
/// old?, new?, absolute?, relative?}], unchanged, assumptions:[{kind, name, status, old?, new?, file,
/// line, affects}], diagnostics}</c>, each value <c>{value, unit, p5?, p95?}</c>.
/// </summary>
public static class DiffJson
{
    public const string Schema = "costdsl-diff/1";

    public static string Write(DiffResult diff)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var writer = new JsonTextWriter(text) { Formatting = Newtonsoft.Json.Formatting.Indented, Indentation = 2 })
        {
            writer.WriteStartObject();
            Property(writer, "schema", Schema);
            Property(writer, "old", diff.OldFile);
            Property(writer, "new", diff.NewFile);
            writer.WritePropertyName("outputs");
            writer.WriteStartArray();
            foreach (var output in diff.Outputs)
            {
                writer.WriteStartObject();
                Property(writer, "name", output.Name);
                Property(writer, "status", output.Status.ToString().ToLowerInvariant());
                Value(writer, "old", output.Old);
                Value(writer, "new", output.New);
                Value(writer, "absolute", output.Absolute);
                if (output.Relative is { } relative)
                {
                    writer.WritePropertyName("relative");
                    writer.WriteRawValue(NumberFormat.Json(relative));
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WritePropertyName("unchanged");
            writer.WriteValue(diff.UnchangedOutputs);
            writer.WritePropertyName("assumptions");
            writer.WriteStartArray();
            foreach (var change in diff.Assumptions)
            {
                writer.WriteStartObject();
                Property(writer, "kind", change.Kind);
                Property(writer, "name", change.Name);
                Property(writer, "status", change.Status.ToString().ToLowerInvariant());
                Value(writer, "old", change.Old);
                Value(writer, "new", change.New);
                Property(writer, "file", change.File);
                writer.WritePropertyName("line");
                writer.WriteValue(change.Line);
                writer.WritePropertyName("affects");
                writer.WriteStartArray();
                foreach (var name in change.Affects)
                {
                    writer.WriteValue(name);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WritePropertyName("diagnostics");
            writer.WriteStartArray();
            foreach (var diagnostic in diff.Diagnostics)
            {
                writer.WriteStartObject();
                Property(writer, "severity", diagnostic.Severity.ToString().ToLowerInvariant());
                Property(writer, "code", diagnostic.Code.Id);
                Property(writer, "message", diagnostic.Message);
                Property(writer, "file", diagnostic.File);
                writer.WritePropertyName("line");
                writer.WriteValue(diagnostic.Line);
                writer.WritePropertyName("column");
                writer.WriteValue(diagnostic.Column);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    private static void Property(JsonWriter writer, string name, string value)
    {
        writer.WritePropertyName(name);
        writer.WriteValue(value);
    }

    private static void Value(JsonWriter writer, string name, ShownValue? value)
    {
        if (value is null)
        {
            return;
        }

        writer.WritePropertyName(name);
        writer.WriteStartObject();
        ShownValueJson.Write(writer, value);
        writer.WriteEndObject();
    }
}
