using CostDsl.Semantics;
using CostDsl.Syntax;
using Dimension = CostDsl.Units.Dimension;
using CostDsl.Units;

namespace CostDsl.Runtime;

/// <summary>An output's value, and the unit it is shown in (null: base units).</summary>
public sealed record OutputValue(string Name, Value Value, Unit? DisplayUnit, string? UnitText)
{
    /// <summary>The unit as it goes into the JSON: as written after <c>in</c>, else base units.</summary>
    public string Unit => UnitText ?? (Value is Quantity q ? q.Dimension.ToString() : string.Empty);

    /// <summary>What one base unit is in the display unit.</summary>
    public double Scale => DisplayUnit?.Scale ?? 1;

    /// <summary>The unit its expression was written in (<see cref="CheckedOutput.WrittenUnit"/>), for people; never for the JSON.</summary>
    public Unit? WrittenUnit { get; init; }
}

/// <summary>How an assert came out: <see cref="Probability"/> is the share of sweep points where it held (1 or 0 without sweeps).</summary>
public sealed record AssertOutcome(AssertDecl Decl, double Probability)
{
    public bool Passed => Probability >= 1;

    /// <summary>Under sweeps, the points (indices into the grid) where the condition is false; empty without sweeps.</summary>
    public IReadOnlyList<int> FailingPoints { get; init; } = [];

    public string File => Decl.Span.File.Path;

    public int Line => Decl.Span.Line;

    public string Message => Decl.Message ?? Decl.Condition.Span.Text;
}

/// <summary>One sweep's axis of the grid: the path and its values (base units), shown in <see cref="DisplayUnit"/> (null: base units).</summary>
public sealed record SweepAxis(string Path, double[] Values, Dimension Dimension, Unit? DisplayUnit, string? UnitText)
{
    public string Unit => UnitText ?? Dimension.ToString();

    public double Scale => DisplayUnit?.Scale ?? 1;
}

/// <summary>What one evaluation of a checked program produced, and how its vectors are laid out.</summary>
public sealed record Evaluation(IReadOnlyList<OutputValue> Outputs, IReadOnlyList<AssertOutcome> Asserts, Layout Layout, IReadOnlyList<SweepAxis> Axes)
{
    /// <summary>Every distribution sampled, for sensitivity analysis.</summary>
    public IReadOnlyList<UncertainInput> UncertainInputs { get; init; } = [];

    /// <summary>The part of the grid evaluated (<c>eval --shard</c>): <see cref="Layout"/> holds its points only.</summary>
    public GridPart Part { get; init; } = GridPart.Whole;

    /// <summary>The points of the whole grid; more than <see cref="Layout"/>'s when this is a part of it.</summary>
    public int GridPoints
    {
        get => gridPoints ?? Layout.Points;
        init => gridPoints = value;
    }

    private readonly int? gridPoints;

    /// <summary>A point of the grid by its input values, as the JSON writes them: <c>chat.users = 2000, gpu.price = 2 USD/h</c>.</summary>
    public string DescribePoint(int point) =>
        string.Join(", ", Inputs(point).Select(i => $"{i.Axis.Path} = {Output.NumberFormat.Json(i.Value.Magnitude.Value / i.Axis.Scale)}{(i.Axis.UnitText is null ? string.Empty : " " + i.Axis.UnitText)}"));

    /// <summary>The value of each axis at a point of the grid (the first axis outermost).</summary>
    public IEnumerable<(SweepAxis Axis, Quantity Value)> Inputs(int point)
    {
        var stride = GridPoints;
        var inGrid = point + Part.Window(GridPoints).First;
        foreach (var axis in Axes)
        {
            stride /= axis.Values.Length;
            yield return (axis, Quantity.Exact(axis.Values[inGrid / stride % axis.Values.Length], axis.Dimension));
        }
    }
}
