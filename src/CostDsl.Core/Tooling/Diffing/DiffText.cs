using System.Globalization;
using System.Text;
using CostDsl.Output;

namespace CostDsl.Tooling.Diffing;

/// <summary>A diff for the terminal (<see cref="Text"/>) or for a pull-request comment (<see cref="Markdown"/>).</summary>
public static class DiffText
{
    private const string NotCompared = "not compared: a version has errors (the diagnostics list them)";

    public static string Text(DiffResult diff)
    {
        var text = new StringBuilder();
        text.Append($"costdsl diff {diff.OldFile} -> {diff.NewFile}\n");
        if (!diff.Compared)
        {
            text.Append(NotCompared).Append('\n');
            return text.ToString();
        }

        if (!diff.HasChanges)
        {
            // "no changes" would hide the asserts whose outcome changed, listed after this by the gate.
            text.Append($"no output or assumption changed ({Count(diff.UnchangedOutputs, "output")} the same)\n");
            return text.ToString();
        }

        text.Append($"\noutputs ({Count(diff.Outputs.Count, "changed")}, {diff.UnchangedOutputs} unchanged)\n");
        foreach (var output in diff.Outputs)
        {
            text.Append("  ").Append(output.Status switch
            {
                ChangeStatus.Added => $"+ {output.Name} = {output.New}",
                ChangeStatus.Removed => $"- {output.Name} (was {output.Old})",
                _ => $"~ {output.Name}: {output.Old} -> {output.New}{Delta(output)}",
            }).Append('\n');
        }

        if (diff.Assumptions.Count > 0)
        {
            text.Append($"\nassumptions ({diff.Assumptions.Count} changed)\n");
            foreach (var change in diff.Assumptions)
            {
                text.Append("  ").Append(Assumption(change)).Append($"  ({change.File}:{change.Line})");
                if (change.Affects.Count > 0)
                {
                    text.Append("\n      affects: ").Append(string.Join(", ", change.Affects));
                }

                text.Append('\n');
            }
        }

        return text.ToString();
    }

    public static string Markdown(DiffResult diff)
    {
        var text = new StringBuilder();
        text.Append($"### costdsl diff: `{diff.OldFile}` → `{diff.NewFile}`\n\n");
        if (!diff.Compared)
        {
            text.Append(char.ToUpperInvariant(NotCompared[0])).Append(NotCompared.AsSpan(1)).Append(".\n");
            return text.ToString();
        }

        if (!diff.HasChanges)
        {
            text.Append($"No output or assumption changed: {Count(diff.UnchangedOutputs, "output")} the same.\n");
            return text.ToString();
        }

        text.Append("| output | old | new | change | relative |\n|---|---:|---:|---:|---:|\n");
        foreach (var output in diff.Outputs)
        {
            var name = output.Status switch
            {
                ChangeStatus.Added => $"`{Cell(output.Name)}` (added)",
                ChangeStatus.Removed => $"`{Cell(output.Name)}` (removed)",
                _ => $"`{Cell(output.Name)}`",
            };
            text.Append($"| {name} | {Cell(output.Old?.ToString() ?? string.Empty)} | {Cell(output.New?.ToString() ?? string.Empty)} | {Cell(Signed(output.Absolute))} | {Percent(output.Relative)} |\n");
        }

        text.Append($"\n{Count(diff.UnchangedOutputs, "output")} unchanged.\n");
        if (diff.Assumptions.Count > 0)
        {
            text.Append("\n**Assumptions changed**\n\n| assumption | old | new | where | affects |\n|---|---:|---:|---|---|\n");
            foreach (var change in diff.Assumptions)
            {
                var status = change.Status == ChangeStatus.Changed ? string.Empty : $" ({change.Status.ToString().ToLowerInvariant()})";
                text.Append($"| {change.Kind} `{Cell(change.Name)}`{status} | {Cell(change.Old?.ToString() ?? string.Empty)} | {Cell(change.New?.ToString() ?? string.Empty)} | `{Cell(change.File)}:{change.Line}` | {Cell(string.Join(", ", change.Affects))} |\n");
            }
        }

        return text.ToString();
    }

    private static string Assumption(AssumptionChange change) => change.Status switch
    {
        ChangeStatus.Added => $"+ {change.Kind} {change.Name}" + (change.New is null ? string.Empty : $" = {change.New}"),
        ChangeStatus.Removed => $"- {change.Kind} {change.Name}" + (change.Old is null ? string.Empty : $" (was {change.Old})"),
        _ when change.Old is null => $"~ {change.Kind} {change.Name}: definition changed",
        _ => $"~ {change.Kind} {change.Name}: {change.Old} -> {change.New}",
    };

    private static string Delta(OutputChange output) =>
        output.Absolute is null ? string.Empty : $"  ({Signed(output.Absolute)}{(output.Relative is null ? string.Empty : ", " + Percent(output.Relative))})";

    private static string Signed(ShownValue? value) =>
        value is null ? string.Empty : value.Number > 0 ? "+" + value : value.ToString();

    private static string Percent(double? relative) =>
        relative is not { } r ? string.Empty : (r > 0 ? "+" : string.Empty) + NumberFormat.Readable(r * 100) + "%";

    private static string Count(int n, string what) =>
        $"{n.ToString(CultureInfo.InvariantCulture)} {what}{(what == "output" && n != 1 ? "s" : string.Empty)}";

    /// <summary>A table cell must not end the row or the cell early.</summary>
    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
