using CostDsl.Diagnostics;
using CostDsl.Engine;
using CostDsl.Output;
using CostDsl.Runtime;
using CostDsl.Semantics;
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
    public static GateResult Evaluate(SourceFile oldFile, SourceFile newFile, IReadOnlyList<GateCondition> conditions, EvaluationOptions? options = null, CostEngine? engine = null)
    {
        engine ??= new CostEngine();
        return Evaluate(oldFile, newFile, conditions, options, engine, engine);
    }

    /// <summary>Two sides whose imports come from where each was read, as <see cref="SpecDiff"/> compares them.</summary>
    public static GateResult Evaluate(DiffSide oldSide, DiffSide newSide, IReadOnlyList<GateCondition> conditions, EvaluationOptions? options = null) =>
        Evaluate(oldSide.File, newSide.File, conditions, options, new CostEngine(oldSide.Sources), new CostEngine(newSide.Sources));

    private static GateResult Evaluate(SourceFile oldFile, SourceFile newFile, IReadOnlyList<GateCondition> conditions, EvaluationOptions? options, CostEngine oldEngine, CostEngine newEngine)
    {
        var (oldProgram, _) = oldEngine.Check(oldFile, options);
        var (newProgram, _) = newEngine.Check(newFile, options);
        if (oldProgram is null || newProgram is null)
        {
            return new GateResult([], conditions, [], null);
        }

        // Diagnostics of the evaluations were already reported by the diff itself.
        var oldRun = new EvaluationSession(oldProgram, new DiagnosticBag()).Run();
        var newRun = new EvaluationSession(newProgram, new DiagnosticBag()).Run();
        var asserts = CompareAsserts(oldFile.Path, oldRun, newFile.Path, newRun);
        var tripped = new List<TrippedCondition>();
        foreach (var condition in conditions)
        {
            if (condition.IsAssert)
            {
                tripped.AddRange(asserts.Where(a => a.IsNewFailure).Select(a => new TrippedCondition(condition, $"{a.File}:{a.Line} \"{a.Message}\" {a.Transition}")));
                continue;
            }

            var problem = CheckOutputs(condition, oldRun, newRun, newProgram, tripped);
            if (problem is not null)
            {
                return new GateResult(asserts, conditions, [], problem);
            }
        }

        return new GateResult(asserts, conditions, tripped, null);
    }

    /// <summary>Asserts are matched by file and message (a root file's path differs between REV:path and the working tree), the nth of equal ones with the nth.</summary>
    private static List<AssertChange> CompareAsserts(string oldRoot, Evaluation oldRun, string newRoot, Evaluation newRun)
    {
        var before = Keyed(oldRoot, oldRun).ToDictionary(StringComparer.Ordinal);
        var after = Keyed(newRoot, newRun);
        var newKeys = after.Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
        var changes = new List<AssertChange>();
        foreach (var (key, now) in after)
        {
            var was = before.GetValueOrDefault(key);
            if (was is null || was.Passed != now.Passed)
            {
                changes.Add(new AssertChange(now.File, now.Line, now.Message, was?.Passed, now.Passed));
            }
        }

        foreach (var (_, was) in Keyed(oldRoot, oldRun).Where(b => !newKeys.Contains(b.Key)))
        {
            changes.Add(new AssertChange(was.File, was.Line, was.Message, was.Passed, null));
        }

        return changes;
    }

    private static List<KeyValuePair<string, AssertOutcome>> Keyed(string root, Evaluation run)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var keyed = new List<KeyValuePair<string, AssertOutcome>>();
        foreach (var outcome in run.Asserts)
        {
            var file = outcome.File == root ? string.Empty : outcome.File;
            var key = file + "\n" + outcome.Message;
            seen[key] = seen.GetValueOrDefault(key) + 1;
            keyed.Add(new(key + "\n" + seen[key], outcome));
        }

        return keyed;
    }

    /// <summary>Adds a trip for each changed output that meets <paramref name="condition"/>; a problem (usage error) when it cannot be checked.</summary>
    private static string? CheckOutputs(GateCondition condition, Evaluation oldRun, Evaluation newRun, CheckedProgram newProgram, List<TrippedCondition> tripped)
    {
        var any = condition.Output == GateCondition.AnyOutput;
        var oldOutputs = oldRun.Outputs.ToDictionary(o => o.Name, StringComparer.Ordinal);
        var newOutputs = newRun.Outputs.ToDictionary(o => o.Name, StringComparer.Ordinal);
        if (!any && !oldOutputs.ContainsKey(condition.Output!) && !newOutputs.ContainsKey(condition.Output!))
        {
            return $"--fail-on '{condition}': no output '{condition.Output}' in either version (outputs: {string.Join(", ", newOutputs.Keys.Union(oldOutputs.Keys))})";
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

        foreach (var now in newRun.Outputs.Where(o => any || o.Name == condition.Output))
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

    /// <summary>A unit as written in a condition: names joined by <c>*</c> or spaces, one <c>/</c> (<c>USD</c>, <c>USD/h</c>, <c>GPU h</c>); empty is unitless.</summary>
    private static Unit? ResolveUnit(string text, CheckedProgram program)
    {
        if (text.Length == 0)
        {
            return new Unit("unitless", 1, Dimension.None);
        }

        var parts = text.Split('/');
        if (parts.Length > 2)
        {
            return null;
        }

        var numerator = Product(parts[0], program);
        var denominator = parts.Length == 2 ? Product(parts[1], program) : new Unit("1", 1, Dimension.None);
        return numerator is null || denominator is null ? null : new Unit(text, numerator.Scale / denominator.Scale, numerator.Dimension / denominator.Dimension);
    }

    private static Unit? Product(string text, CheckedProgram program)
    {
        var names = text.Split([' ', '*'], StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0)
        {
            return null;
        }

        var scale = 1.0;
        var dimension = Dimension.None;
        foreach (var name in names)
        {
            var (unitName, power) = name.Split('^') is [var n, var p] && int.TryParse(p, out var k) && k is > 0 and < 10 ? (n, k) : (name, 1);
            if (program.Units.Find(unitName) is not { } unit)
            {
                return null;
            }

            scale *= Math.Pow(unit.Scale, power);
            dimension *= unit.Dimension.Pow(power);
        }

        return new Unit(text, scale, dimension);
    }
}
