using CostDsl.Output;
using Newtonsoft.Json;

namespace CostDsl.Tooling;

/// <summary>Writes a <see cref="ShownValue"/> as the members <c>value</c>, <c>unit</c> and, when uncertain, <c>p5</c> <c>p95</c> (or <c>probability</c>).</summary>
internal static class ShownValueJson
{
    public static void Write(JsonWriter writer, ShownValue value, string prefix = "")
    {
        writer.WritePropertyName(prefix + (prefix.Length == 0 ? "value" : "Value"));
        if (value.Truth is { } truth)
        {
            writer.WriteValue(truth);
        }
        else if (value.Number is { } number)
        {
            writer.WriteRawValue(NumberFormat.Json(number));
        }
        else
        {
            writer.WriteNull();
        }

        if (value.Number is not null)
        {
            writer.WritePropertyName(prefix + (prefix.Length == 0 ? "unit" : "Unit"));
            writer.WriteValue(value.Unit);
        }

        Number(writer, prefix, "p5", value.P5);
        Number(writer, prefix, "p95", value.P95);
        Number(writer, prefix, "probability", value.Probability);
    }

    private static void Number(JsonWriter writer, string prefix, string name, double? value)
    {
        if (value is { } number)
        {
            writer.WritePropertyName(prefix.Length == 0 ? name : prefix + char.ToUpperInvariant(name[0]) + name[1..]);
            writer.WriteRawValue(NumberFormat.Json(number));
        }
    }
}
