using System.Collections.Immutable;
using CostDsl.Semantics;
using CostDsl.Units;

namespace CostDsl.Functions;

/// <summary>
/// A block field a built-in function reads, declared on the function: the checker requires it (present, in
/// <see cref="Dimension"/>) at the call before anything runs, and grammar/library.md lists it. <see cref="Block"/>
/// names the block parameter. The conditions say when the read happens: the field is optional
/// (<see cref="IfSet"/>), read only when an argument is given (<see cref="WhenGiven"/>), replaced by an argument
/// (<see cref="UnlessGiven"/>) or by another field of the block (<see cref="UnlessField"/>, params after active_params).
/// </summary>
public sealed record FieldRead(string Block, string Field, Dimension Dimension)
{
    /// <summary>Read only when the block sets it; checked for its dimension then.</summary>
    public bool IfSet { get; init; }

    public string? WhenGiven { get; init; }

    public string? UnlessGiven { get; init; }

    public string? UnlessField { get; init; }

    /// <summary>How grammar/library.md lists it: "`model.bytes_per_param` unless `bytes` is given".</summary>
    public string Describe()
    {
        var conditions = new List<string>();
        if (IfSet)
        {
            conditions.Add("when set");
        }

        if (WhenGiven is { } given)
        {
            conditions.Add($"when `{given}` is given");
        }

        if (UnlessGiven is { } replaced)
        {
            conditions.Add($"unless `{replaced}` is given");
        }

        if (UnlessField is { } other)
        {
            conditions.Add($"unless `{other}` is set");
        }

        return conditions.Count == 0 ? $"`{Block}.{Field}`" : $"`{Block}.{Field}` {string.Join(", ", conditions)}";
    }

    /// <summary>True when the call may go ahead as far as this field is concerned; an error at the call otherwise.</summary>
    internal bool Check(ImmutableArray<FunctionParameter> parameters, IReadOnlyList<StaticType> arguments, ICheckContext context, string function)
    {
        if (arguments[IndexOf(parameters, Block)] is not BlockType { Block: var block })
        {
            return false;
        }

        if ((WhenGiven is { } given && !OptionalArgument.IsGiven(arguments[IndexOf(parameters, given)]))
            || (UnlessGiven is { } replaced && OptionalArgument.IsGiven(arguments[IndexOf(parameters, replaced)]))
            || (UnlessField is { } other && context.FieldType(block, other) is not null)
            || (IfSet && context.FieldType(block, Field) is null))
        {
            return true;
        }

        return context.RequireField(block, Field, Dimension, function, UnlessGiven);
    }

    /// <summary>The parameter a read names; a name that is not a parameter is a mistake in the declaration, caught by the library's tests.</summary>
    internal static int IndexOf(ImmutableArray<FunctionParameter> parameters, string name)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            if (parameters[i].Name == name)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"no parameter '{name}'");
    }
}

/// <summary>Declares several reads with one condition: the model's shape, read only when `context` is given.</summary>
internal static class FieldReads
{
    public static ImmutableArray<FieldRead> WhenGiven(this IEnumerable<FieldRead> reads, string argument) =>
        [.. reads.Select(r => r with { WhenGiven = argument })];

    public static ImmutableArray<FieldRead> UnlessGiven(this IEnumerable<FieldRead> reads, string argument) =>
        [.. reads.Select(r => r with { UnlessGiven = argument })];
}
