using System.Collections.Immutable;
using CostDsl.Runtime;
using CostDsl.Semantics;
using CostDsl.Syntax;

namespace CostDsl.Limits;

/// <summary>
/// Shares one evaluation between calls of a pure user function with the same exact arguments, for
/// one evaluation session. Pure: nothing in the body, or in the functions it calls, draws samples (no
/// <c>a to b</c>, no distribution builtin), so its result follows from its arguments alone and
/// sharing it cannot change a number. A function that draws is never shared: each call site draws
/// anew under its own sampling key. Arguments are keyed by value only when exact (a number, a
/// truth, a block, a list of those); a sampled argument is not keyed at all. Failures are not kept:
/// the next call fails again, at its own place. Only the session's thread uses it.
/// </summary>
public sealed class SharedCalls(CheckedProgram program)
{
    /// <summary>Sampled results kept in all, at most (32 MB): beyond that a call is evaluated again rather than held.</summary>
    public const long MaxKeptSampledValues = 4_000_000;

    private readonly Dictionary<FnSymbol, bool> pure = [];
    private readonly Dictionary<CallKey, Value> results = [];
    private long keptSampledValues;

    /// <summary>The key of a call that may be shared, or null when the function draws or an argument is sampled.</summary>
    public CallKey? KeyOf(FnSymbol fn, IReadOnlyList<Value> arguments)
    {
        if (!IsPure(fn))
        {
            return null;
        }

        var parts = ImmutableArray.CreateBuilder<object>(arguments.Count);
        foreach (var argument in arguments)
        {
            if (ExactKey(argument) is not { } part)
            {
                return null;
            }

            parts.Add(part);
        }

        return new CallKey(fn, parts.MoveToImmutable());
    }

    public bool TryGet(CallKey key, out Value value) => results.TryGetValue(key, out value!);

    public void Keep(CallKey key, Value value)
    {
        var sampled = value is Quantity { Magnitude.IsExact: false } q ? q.Magnitude.Count
            : value is Truth { Magnitude.IsExact: false } t ? t.Magnitude.Count
            : 0;
        if (keptSampledValues + sampled > MaxKeptSampledValues)
        {
            return;
        }

        keptSampledValues += sampled;
        results[key] = value;
    }

    /// <summary>An exact value as a key with value equality; null for anything sampled.</summary>
    private static object? ExactKey(Value value) => value switch
    {
        // Doubles by their bits: 0.0 and -0.0 print differently, and NaN never reaches a value.
        Quantity { Magnitude.IsExact: true } q => (BitConverter.DoubleToInt64Bits(q.Magnitude.Value), q.Dimension),
        Truth { Magnitude.IsExact: true } t => t.Magnitude.Value == 1,
        BlockValue b => b.Block,
        Absent => Absent.Instance,
        ListValue list => ListKey(list),
        _ => null,
    };

    private static ListKeyParts? ListKey(ListValue list)
    {
        var items = ImmutableArray.CreateBuilder<object>(list.Items.Length);
        foreach (var item in list.Items)
        {
            if (ExactKey(item) is not { } part)
            {
                return null;
            }

            items.Add(part);
        }

        return new ListKeyParts(items.MoveToImmutable());
    }

    private bool IsPure(FnSymbol fn)
    {
        if (pure.TryGetValue(fn, out var known))
        {
            return known;
        }

        // Marked impure while it is looked at, so a (statically refused) recursive function ends the walk.
        pure[fn] = false;
        var result = SyntaxWalker.Descendants(fn.Decl.Body).All(e => e switch
        {
            RangeExpr => false,
            CallExpr call => program.Bindings.GetValueOrDefault(call) switch
            {
                CallBinding { Builtin.IsDistribution: true } => false,
                CallBinding { User: { } callee } => IsPure(callee),
                CallBinding => true,
                _ => false,
            },
            _ => true,
        });
        pure[fn] = result;
        return result;
    }

    /// <summary>A function and its arguments' exact values.</summary>
    public sealed record CallKey(FnSymbol Fn, ImmutableArray<object> Arguments)
    {
        public bool Equals(CallKey? other) => other is not null && Fn == other.Fn && Arguments.SequenceEqual(other.Arguments);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            hash.Add(Fn);
            foreach (var argument in Arguments)
            {
                hash.Add(argument);
            }

            return hash.ToHashCode();
        }
    }

    private sealed record ListKeyParts(ImmutableArray<object> Items)
    {
        public bool Equals(ListKeyParts? other) => other is not null && Items.SequenceEqual(other.Items);

        public override int GetHashCode() => Items.Length;
    }
}
