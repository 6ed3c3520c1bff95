using CostDsl.Runtime;

namespace CostDsl.Tooling.Diffing;

/// <summary>
/// An output as <c>costdsl diff</c> compares it: the output itself without sweeps, or its value at one point of the grid,
/// named by the point's inputs (<c>cost [hw = L4, n = 10]</c>), so that a sweep's points are compared point by point
/// rather than as one spread of values. <see cref="Output"/> is the output's own name, which <c>--fail-on</c> names.
/// </summary>
internal sealed record PointOutput(string Output, OutputValue Value)
{
    public string Name => Value.Name;

    /// <summary>Every output of <paramref name="evaluation"/>, once per point of its grid (once in all without sweeps).</summary>
    public static IReadOnlyList<PointOutput> Of(Evaluation evaluation)
    {
        if (evaluation.Axes.Count == 0)
        {
            return [.. evaluation.Outputs.Select(o => new PointOutput(o.Name, o))];
        }

        var points = new List<PointOutput>(evaluation.Outputs.Count * evaluation.Layout.Points);
        for (var point = 0; point < evaluation.Layout.Points; point++)
        {
            var inputs = evaluation.ShowPoint(point);
            foreach (var output in evaluation.Outputs)
            {
                points.Add(new PointOutput(output.Name, output with { Name = $"{output.Name} [{inputs}]", Value = At(output.Value, evaluation.Layout, point) }));
            }
        }

        return points;
    }

    /// <summary>The value at one point: a sampled vector holds each point's samples one after another (exact values are the same at every point).</summary>
    private static Value At(Value value, Layout layout, int point)
    {
        if (value is not Quantity { Magnitude.IsExact: false } quantity)
        {
            return value;
        }

        var slice = quantity.Magnitude.Samples.Slice(point * layout.Samples, layout.Samples);
        return slice.ContainsAnyExcept(slice[0])
            ? quantity with { Magnitude = Magnitude.Sampled(slice.ToArray()) }
            : quantity with { Magnitude = Magnitude.Exact(slice[0]) };
    }
}
