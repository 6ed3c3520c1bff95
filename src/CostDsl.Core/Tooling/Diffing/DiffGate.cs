using CostDsl.Diagnostics;
using CostDsl.Engine;
using CostDsl.Output;
using CostDsl.Parsing;
using CostDsl.Runtime;
using CostDsl.Semantics;
using CostDsl.Syntax;
using CostDsl.Text;
using CostDsl.Units;

namespace CostDsl.Tooling.Diffing;

/// <summary>
/// The CI gate of <c>costdsl diff</c>: which asserts changed outcome between the two versions, and
/// which <c>--fail-on</c> conditions hold. Each side is evaluated as <see cref="SpecDiff"/> evaluates it
/// (same options, same default sampling), so the numbers the gate judges are the numbers the diff shows.
/// </summary>
public static class DiffGate
{
    /// <summary>
    /// The gate over <paramref name="diff"/>'s own evaluations, so that it judges the numbers the diff shows, under the same
    /// limits. A diff with an error on either side fails the gate (<see cref="GateResult.SideHasErrors"/>).
    /// </summary>
    public static GateResult Evaluate(DiffResult diff, IReadOnlyList<GateCondition> conditions)
    {
        if (diff.Runs is not { } runs)
        {
            return new GateResult([], conditions, [], null) { SideHasErrors = diff.HasErrors };
        }

        var asserts = CompareAsserts(runs.OldProgram.Model.Root, runs.Old, runs.NewProgram.Model.Root, runs.New);
        var tripped = new List<TrippedCondition>();
        foreach (var condition in conditions)
        {
            if (condition.IsAssert)
            {
                tripped.AddRange(asserts.Where(a => a.IsNewFailure).Select(a => new TrippedCondition(condition, $"{a.File}:{a.Line} \"{a.Message}\" {a.Transition}")));
                continue;
            }

            var problem = CheckOutputs(condition, runs.OldOutputs, runs.NewOutputs, runs.NewProgram, tripped);
            if (problem is not null)
            {
                return new GateResult(asserts, conditions, [], problem);
            }
        }

        return new GateResult(asserts, conditions, tripped, null) { SideHasErrors = diff.HasErrors };
    }

    /// <summary>
    /// Pairs each assert of the new side with one of the old: first the same assert (same file, message and condition, however
    /// laid out), then, by message, one whose condition changed. A file is named relative to its side's root spec, so that an
    /// imported file read from a git revision (<c>HEAD:specs/lib.cost</c>) or another copy of the tree is the same file.
    /// </summary>
    private static List<AssertChange> CompareAsserts(SourceFile oldRoot, Evaluation oldRun, SourceFile newRoot, Evaluation newRun)
    {
        var olds = oldRun.Asserts;
        var news = newRun.Asserts;
        var taken = new bool[olds.Count];
        var pairs = new AssertOutcome?[news.Count];
        var same = new Dictionary<AssertIdentity, Queue<int>>(AssertIdentity.Comparer);
        for (var i = 0; i < olds.Count; i++)
        {
            var identity = AssertIdentity.Of(oldRoot, olds[i]);
            (same.TryGetValue(identity, out var queue) ? queue : same[identity] = new Queue<int>()).Enqueue(i);
        }

        for (var i = 0; i < news.Count; i++)
        {
            if (same.TryGetValue(AssertIdentity.Of(newRoot, news[i]), out var queue) && queue.TryDequeue(out var at))
            {
                taken[at] = true;
                pairs[i] = olds[at];
            }
        }

        // An assert whose condition was reworded keeps its message: the nth untaken one of a file and message with the nth.
        var byMessage = new Dictionary<(string File, string Message), Queue<int>>();
        for (var i = 0; i < olds.Count; i++)
        {
            if (!taken[i] && olds[i].Decl.Message is { } message)
            {
                var key = (AssertIdentity.FileKey(oldRoot, olds[i]), message);
                (byMessage.TryGetValue(key, out var queue) ? queue : byMessage[key] = new Queue<int>()).Enqueue(i);
            }
        }

        var changes = new List<AssertChange>();
        for (var i = 0; i < news.Count; i++)
        {
            var now = news[i];
            if (pairs[i] is null && now.Decl.Message is { } message
                && byMessage.TryGetValue((AssertIdentity.FileKey(newRoot, now), message), out var queue) && queue.TryDequeue(out var at))
            {
                taken[at] = true;
                pairs[i] = olds[at];
            }

            var was = pairs[i];
            if (was is null || was.Passed != now.Passed)
            {
                changes.Add(new AssertChange(now.File, now.Line, now.Message, was?.Passed, now.Passed));
            }
        }

        for (var i = 0; i < olds.Count; i++)
        {
            if (!taken[i])
            {
                changes.Add(new AssertChange(olds[i].File, olds[i].Line, olds[i].Message, olds[i].Passed, null));
            }
        }

        return changes;
    }

    /// <summary>Adds a trip for each changed output that meets <paramref name="condition"/>; a problem (usage error) when it cannot be checked.</summary>
    private static string? CheckOutputs(GateCondition condition, IReadOnlyList<PointOutput> oldRun, IReadOnlyList<PointOutput> newRun, CheckedProgram newProgram, List<TrippedCondition> tripped)
    {
        var any = condition.Output == GateCondition.AnyOutput;
        var oldOutputs = oldRun.ToDictionary(o => o.Name, o => o.Value, StringComparer.Ordinal);
        if (!any && !oldRun.Concat(newRun).Any(o => o.Output == condition.Output))
        {
            return $"--fail-on '{condition}': no output '{condition.Output}' in either version (outputs: {string.Join(", ", newRun.Concat(oldRun).Select(o => o.Output).Distinct(StringComparer.Ordinal))})";
        }

        Unit? unit = null;
        if (!condition.Relative)
        {
            unit = ResolveUnit(condition.Unit, newProgram);
            if (unit is null)
            {
                return $"--fail-on '{condition}': unknown unit '{condition.Unit}'";
            }
        }

        foreach (var now in newRun.Where(o => any || o.Output == condition.Output).Select(o => o.Value))
        {
            if (!any && unit is not null && now.Value is Quantity shown && shown.Dimension != unit.Dimension)
            {
                // Checked whether or not the output changed, so a wrong unit is a usage error every time.
                return $"--fail-on '{condition}': output '{now.Name}' is in {Named(shown.Dimension)}, not in units of {(condition.Unit.Length == 0 ? "unitless" : condition.Unit)}";
            }

            if (!oldOutputs.TryGetValue(now.Name, out var was) || SpecDiff.SameValue(was.Value, now.Value)
                || was.Value is not Quantity old || now.Value is not Quantity current || old.Dimension != current.Dimension)
            {
                // Unchanged outputs never trip a condition; added, removed or non-numeric ones have no change to measure.
                continue;
            }

            var delta = current.Magnitude.Value - old.Magnitude.Value;
            if (condition.Relative)
            {
                // From zero any change is infinitely large, in its direction.
                var relative = old.Magnitude.Value == 0 ? Math.CopySign(double.PositiveInfinity, delta) : delta / Math.Abs(old.Magnitude.Value);
                if (condition.Holds(relative))
                {
                    tripped.Add(new TrippedCondition(condition, $"{now.Name} {Signed(relative * 100)}%"));
                }

                continue;
            }

            if (unit!.Dimension != old.Dimension)
            {
                // 'any > +1000 USD' judges the outputs in money and passes over the others.
                continue;
            }

            var change = delta / unit.Scale;
            if (condition.Holds(change))
            {
                tripped.Add(new TrippedCondition(condition, $"{now.Name} {Signed(change)}{(condition.Unit.Length == 0 ? string.Empty : " " + condition.Unit)}"));
            }
        }

        return null;
    }

    private static string Named(Dimension dimension) => dimension.IsNone ? "unitless" : dimension.ToString();

    private static string Signed(double value) =>
        double.IsInfinity(value) ? (value > 0 ? "+inf" : "-inf") : (value > 0 ? "+" : string.Empty) + NumberFormat.Readable(value);

    /// <summary>
    /// A unit as written in a condition, read as the language reads a unit after a number (<c>USD</c>, <c>USD/h</c>,
    /// <c>USD/kW h</c> = (USD/kW)*h, <c>GPU h</c>, <c>s^-1</c>); empty is unitless; null when it is no unit of the program.
    /// </summary>
    private static Unit? ResolveUnit(string text, CheckedProgram program)
    {
        if (text.Length == 0)
        {
            return new Unit("unitless", 1, Dimension.None);
        }

        if (Parser.ParseExpression(new SourceFile("--fail-on", "1 " + text), new DiagnosticBag()) is not QuantityExpr { Unit: { } written })
        {
            return null;
        }

        var scale = 1.0;
        var dimension = Dimension.None;
        foreach (var factor in written.Factors)
        {
            if (program.Units.Find(factor.Name) is not { } unit)
            {
                return null;
            }

            scale *= Math.Pow(unit.Scale, factor.Power);
            dimension *= unit.Dimension.Pow(factor.Power);
        }

        return new Unit(text, scale, dimension);
    }
}
