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

    /// <summary>
    /// The block names of a sweep over blocks (<see cref="BlockGrid"/>), whose <see cref="Values"/> are then
    /// the indices 0, 1, ... into them; null for a sweep over numbers.
    /// </summary>
    public IReadOnlyList<string>? Blocks { get; init; }

    /// <summary>
    /// The unit the first value was written in (<see cref="CheckedProgram.WrittenUnit"/>: <c>30%</c> in %, <c>base * 2</c>
    /// in the unit of <c>base</c>), for people: tables, CSV, Markdown, the report. Never for the JSON.
    /// </summary>
    public CostDsl.Units.Unit? WrittenUnit { get; init; }

    private CostDsl.Units.Unit? ShownUnit => WrittenUnit ?? (DisplayUnit is { } unit ? unit with { Name = Unit } : null);

    /// <summary>The unit a column of this axis's numbers is in, for people (CSV headers, chart axes); empty for none.</summary>
    public string ShownUnitText => Blocks is not null ? string.Empty : ShownUnit?.Name ?? Unit;

    /// <summary>A value of this axis as a number in <see cref="ShownUnitText"/>.</summary>
    public double Shown(Quantity value) => value.Magnitude.Value / (ShownUnit?.Scale ?? 1);

    /// <summary>How a value of this axis reads in a table or a report: the block's name, or the number in the unit its values were written in.</summary>
    public string Text(Quantity value) =>
        Blocks is { } names ? names[(int)value.Magnitude.Value]
        : Output.OutputText.Quantity(value.Magnitude.Value, value.Dimension, ShownUnit);

    /// <summary>How a value of this axis reads in a point's name, a CSV cell or the JSON: the block's name, or the number in <see cref="Unit"/>.</summary>
    public string Show(Quantity value) =>
        Blocks is { } names ? names[(int)value.Magnitude.Value]
        : $"{Output.NumberFormat.Json(value.Magnitude.Value / Scale)}{(UnitText is null ? string.Empty : " " + UnitText)}";
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
        string.Join(", ", Inputs(point).Select(i => $"{i.Axis.Path} = {i.Axis.Show(i.Value)}"));

    /// <summary>A point of the grid by its input values as people read them (tables, Markdown): <c>hw = L4, t = 1 h, util = 30%</c>.</summary>
    public string ShowPoint(int point) =>
        string.Join(", ", Inputs(point).Select(i => $"{i.Axis.Path} = {i.Axis.Text(i.Value)}"));

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
