using System.Globalization;
using Newtonsoft.Json;

namespace CostDsl.Tooling.Diffing;

/// <summary>
/// The gate's part of <c>costdsl-diff/1</c>: <c>asserts:[{file, line, message, old, new}]</c> (old/new
/// <c>pass</c>, <c>fail</c> or <c>absent</c>) and <c>gate:{conditions, failed, tripped:[{condition, reason}]}</c>,
/// added as the last properties of <see cref="DiffJson.Write"/>'s object.
/// </summary>
public static class GateJson
{
    public static string Write(DiffResult diff, GateResult gate)
    {
        var json = DiffJson.Write(diff);
        var end = json.LastIndexOf('}');
        if (end < 0)
        {
            return json;
        }

        // The diff object is written indented by two; its properties end before the last brace.
        var head = json[..end].TrimEnd();
        return head + ",\n" + Properties(gate) + "\n}" + json[(end + 1)..];
    }

    private static string Properties(GateResult gate)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var writer = new JsonTextWriter(text) { Formatting = Newtonsoft.Json.Formatting.Indented, Indentation = 2 })
        {
            writer.WriteStartObject();
            writer.WritePropertyName("asserts");
            writer.WriteStartArray();
            foreach (var change in gate.Asserts)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("file");
                writer.WriteValue(change.File);
                writer.WritePropertyName("line");
                writer.WriteValue(change.Line);
                writer.WritePropertyName("message");
                writer.WriteValue(change.Message);
                writer.WritePropertyName("old");
                writer.WriteValue(Outcome(change.Old));
                writer.WritePropertyName("new");
                writer.WriteValue(Outcome(change.New));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WritePropertyName("gate");
            writer.WriteStartObject();
            writer.WritePropertyName("conditions");
            writer.WriteStartArray();
            foreach (var condition in gate.Conditions)
            {
                writer.WriteValue(condition.Text);
            }

            writer.WriteEndArray();
            writer.WritePropertyName("failed");
            writer.WriteValue(gate.Failed);
            writer.WritePropertyName("tripped");
            writer.WriteStartArray();
            foreach (var trip in gate.Tripped)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("condition");
                writer.WriteValue(trip.Condition.Text);
                writer.WritePropertyName("reason");
                writer.WriteValue(trip.Reason);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        // Drop the wrapper object's braces, keep its properties at the diff object's indentation.
        var inner = text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
        var first = inner.IndexOf('\n') + 1;
        var last = inner.LastIndexOf('\n');
        return inner[first..last];
    }

    private static string Outcome(bool? passed) => passed switch
    {
        true => "pass",
        false => "fail",
        null => "absent",
    };
}
