using CostDsl.Output;
using CostDsl.Runtime;
using CostDsl.Units;

namespace CostDsl.Tooling;

/// <summary>
/// A value as a reviewer reads it: a number in a readable unit (or the unit the spec chose), its
/// 5th..95th percentiles when it is uncertain, or a truth. The same shape serves text and JSON.
/// </summary>
public sealed record ShownValue(double? Number, string Unit, bool? Truth, double? Probability, double? P5, double? P95, string? Other)
{
    public static readonly ShownValue Failed = new(null, string.Empty, null, null, null, null, "error");

    public bool IsUncertain => P5 is not null || Probability is not null;

    /// <summary>Shows <paramref name="value"/> in <paramref name="unit"/> (named <paramref name="unitText"/>) when given, else in a readable unit.</summary>
    public static ShownValue Of(Value? value, Unit? unit = null, string? unitText = null)
    {
        switch (value)
        {
            case null:
                return Failed;
            case Truth t when t.Magnitude.IsExact:
                return new(null, string.Empty, t.Probability == 1, null, null, null, null);
            case Truth t:
                return new(null, string.Empty, null, t.Probability, null, null, null);
            case Quantity q:
                var mean = q.Magnitude.Value;
                double scale;
                string name;
                if (unit is not null && unit.Dimension == q.Dimension)
                {
                    scale = unit.Scale;
                    name = unitText ?? unit.Name;
                }
                else
                {
                    var (readable, chosen) = ReadableUnit.Choose(mean, q.Dimension);
                    scale = readable == 0 || mean == 0 ? 1 : mean / readable;
                    name = chosen;
                }

                if (q.Magnitude.IsExact)
                {
                    return new(mean / scale, name, null, null, null, null, null);
                }

                var samples = q.Magnitude.Samples.ToArray();
                for (var i = 0; i < samples.Length; i++)
                {
                    samples[i] /= scale;
                }

                var stats = Statistics.Of(samples);
                return new(stats.Mean, name, null, null, stats.P5, stats.P95, null);
            case BlockValue b:
                return new(null, string.Empty, null, null, null, null, b.Block.Describe());
            case ListValue l:
                return new(null, string.Empty, null, null, null, null, $"a list of {l.Items.Length}");
            default:
                return new(null, string.Empty, null, null, null, null, value.GetType().Name.ToLowerInvariant());
        }
    }

    /// <summary>For people: <c>15.87 TFLOP/s</c>, <c>0.448 (p5 0.35 .. p95 0.55)</c>, <c>true</c>, <c>P = 72%</c>.</summary>
    public override string ToString()
    {
        if (Other is not null)
        {
            return Other;
        }

        if (Truth is { } truth)
        {
            return truth ? "true" : "false";
        }

        if (Probability is { } p)
        {
            return $"P = {NumberFormat.Readable(p * 100)}%";
        }

        if (P5 is { } low && P95 is { } high)
        {
            // One style for the three numbers of a line.
            var numbers = NumberFormat.ReadableAll(Number ?? 0, low, high);
            return $"{NumberFormat.WithUnit(numbers[0], Unit)} (p5 {NumberFormat.WithUnit(numbers[1], Unit)} .. p95 {NumberFormat.WithUnit(numbers[2], Unit)})";
        }

        return NumberFormat.WithUnit(NumberFormat.Readable(Number ?? 0), Unit);
    }
}
