using System.Text;

namespace CostDsl.Tooling.Diffing;

/// <summary>The gate's part of a diff: asserts that changed outcome and the conditions that hold, for the terminal and for a pull-request comment.</summary>
public static class GateText
{
    /// <summary>Appended after <see cref="DiffText.Text"/>.</summary>
    public static string Text(GateResult gate)
    {
        var text = new StringBuilder();
        if (gate.Asserts.Count > 0)
        {
            text.Append($"\nasserts ({gate.Asserts.Count} changed outcome)\n");
            foreach (var change in Ordered(gate.Asserts))
            {
                text.Append($"  {change.Transition,-16} {change.File}:{change.Line} \"{change.Message}\"\n");
            }
        }

        if (gate.Conditions.Count > 0)
        {
            text.Append(gate.Failed ? "\ngate: FAILED\n" : $"\ngate: passed ({string.Join("; ", gate.Conditions)})\n");
            foreach (var trip in gate.Tripped)
            {
                text.Append($"  --fail-on '{trip.Condition}': {trip.Reason}\n");
            }

            if (gate.SideHasErrors)
            {
                text.Append($"  {SideErrors}\n");
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// The whole markdown comment: one summary line first (what a reviewer reads in a notification),
    /// then <see cref="DiffText.Markdown"/>'s tables, then the asserts whose outcome changed.
    /// </summary>
    public static string Markdown(DiffResult diff, GateResult gate)
    {
        var text = new StringBuilder();
        text.Append(Summary(diff, gate)).Append("\n\n");
        text.Append(DiffText.Markdown(diff));
        if (gate.Asserts.Count > 0)
        {
            text.Append("\n**Asserts whose outcome changed**\n\n| assert | where | old | new |\n|---|---|---|---|\n");
            foreach (var change in Ordered(gate.Asserts))
            {
                var mark = change.IsNewFailure ? " ❌" : change.New == true ? " ✅" : string.Empty;
                text.Append($"| {Cell(change.Message)} | `{Cell(change.File)}:{change.Line}` | {Outcome(change.Old)} | {Outcome(change.New)}{mark} |\n");
            }
        }

        if (gate.Failed)
        {
            text.Append("\n**Gate failed**\n\n");
            foreach (var trip in gate.Tripped)
            {
                text.Append($"- `--fail-on '{Cell(trip.Condition.Text)}'`: {Cell(trip.Reason)}\n");
            }

            if (gate.SideHasErrors)
            {
                text.Append($"- {SideErrors}\n");
            }
        }

        return text.ToString();
    }

    /// <summary>One line: the gate's verdict, then counts, the pass-to-fail asserts first.</summary>
    public static string Summary(DiffResult diff, GateResult gate)
    {
        var parts = new List<string>();
        var nowFailing = gate.Asserts.Count(a => a.IsNewFailure);
        if (nowFailing > 0)
        {
            parts.Add($"{nowFailing} assert{(nowFailing == 1 ? string.Empty : "s")} now failing");
        }

        var nowPassing = gate.Asserts.Count(a => a.New == true && a.Old != true);
        if (nowPassing > 0)
        {
            parts.Add($"{nowPassing} assert{(nowPassing == 1 ? string.Empty : "s")} now passing");
        }

        parts.Add($"{diff.Outputs.Count} output{(diff.Outputs.Count == 1 ? string.Empty : "s")} changed");
        parts.Add($"{diff.Assumptions.Count} assumption{(diff.Assumptions.Count == 1 ? string.Empty : "s")} changed");
        var reasons = gate.Tripped.Select(t => t.Condition.Text).Distinct(StringComparer.Ordinal).Concat(gate.SideHasErrors ? ["a version has errors"] : []);
        var verdict = gate.Failed ? $"❌ **gate failed** ({string.Join("; ", reasons)}): "
            : gate.Conditions.Count == 0 ? string.Empty
            : "✅ gate passed: ";
        return $"{verdict}{string.Join(", ", parts)}.";
    }

    private const string SideErrors = "a version has errors (the diagnostics list them): what they hide may have changed";

    /// <summary>Pass to fail first: it is what a reviewer must see.</summary>
    private static IEnumerable<AssertChange> Ordered(IEnumerable<AssertChange> asserts) =>
        asserts.OrderByDescending(a => a.IsNewFailure).ThenBy(a => a.File, StringComparer.Ordinal).ThenBy(a => a.Line);

    private static string Outcome(bool? passed) => passed switch
    {
        true => "pass",
        false => "**fail**",
        null => "(absent)",
    };

    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
