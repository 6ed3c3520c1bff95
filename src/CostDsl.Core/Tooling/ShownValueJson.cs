using CostDsl.Output;

namespace CostDsl.Tooling;

/// <summary>Writes a <see cref="ShownValue"/> as the members <c>value</c>, <c>unit</c> and, when uncertain, <c>p5</c> <c>p95</c> (or <c>probability</c>).</summary>
internal static class ShownValueJson
{
    public static void Write(JsonOut json, ShownValue value, string prefix = "")
    {
        var valueName = prefix + (prefix.Length == 0 ? "value" : "Value");
        if (value.Truth is { } truth)
        {
            json.Boolean(valueName, truth);
        }
        else if (value.Number is { } number)
        {
            json.Number(valueName, number);
        }
        else
        {
            json.Null(valueName);
        }

        if (value.Number is not null)
        {
            json.String(prefix + (prefix.Length == 0 ? "unit" : "Unit"), value.Unit);
        }

        json.OptionalNumber(Name(prefix, "p5"), value.P5).OptionalNumber(Name(prefix, "p95"), value.P95).OptionalNumber(Name(prefix, "probability"), value.Probability);
    }

    private static string Name(string prefix, string name) => prefix.Length == 0 ? name : prefix + char.ToUpperInvariant(name[0]) + name[1..];
}
