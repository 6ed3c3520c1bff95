using System.Globalization;
using Newtonsoft.Json;

namespace CostDsl.Tooling.Explaining;

/// <summary>
/// An explain tree as JSON: nested objects <c>{kind, name?, expression, value, unit, p5?, p95?, file,
/// line, declaredIn?, source?, truncated?, repeated?, children}</c>. value is a number (the mean when
/// uncertain), a boolean for a condition, or null when the step failed.
/// </summary>
public static class ExplainJson
{
    public static string Write(ExplainNode root)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var writer = new JsonTextWriter(text) { Formatting = Newtonsoft.Json.Formatting.Indented, Indentation = 2 })
        {
            WriteNode(writer, root);
        }

        return text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    private static void WriteNode(JsonTextWriter writer, ExplainNode node)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("kind");
        writer.WriteValue(node.Kind.ToString().ToLowerInvariant());
        if (node.Name is not null)
        {
            writer.WritePropertyName("name");
            writer.WriteValue(node.Name);
        }

        writer.WritePropertyName("expression");
        writer.WriteValue(node.Expression);
        ShownValueJson.Write(writer, node.Value);
        writer.WritePropertyName("file");
        writer.WriteValue(node.File);
        writer.WritePropertyName("line");
        writer.WriteValue(node.Line);
        Optional(writer, "declaredIn", node.DeclaredIn);
        Optional(writer, "source", node.Source);
        if (node.Truncated)
        {
            writer.WritePropertyName("truncated");
            writer.WriteValue(true);
        }

        if (node.Repeated)
        {
            writer.WritePropertyName("repeated");
            writer.WriteValue(true);
        }

        writer.WritePropertyName("children");
        writer.WriteStartArray();
        foreach (var child in node.Children)
        {
            WriteNode(writer, child);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void Optional(JsonTextWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WritePropertyName(name);
            writer.WriteValue(value);
        }
    }
}
