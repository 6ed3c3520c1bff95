using CostDsl.Tooling.Diffing;

namespace CostDsl.Cli;

/// <summary><c>costdsl diff --fail-on</c>: parsing the conditions (a bad one is a usage error) and writing the gate's verdict.</summary>
internal static class DiffGateOptions
{
    /// <summary>The conditions, or null after saying on stderr which one is malformed.</summary>
    public static IReadOnlyList<GateCondition>? Parse(IReadOnlyList<string> texts, CliIO io)
    {
        var conditions = new List<GateCondition>();
        foreach (var text in texts)
        {
            if (GateCondition.Parse(text, out var problem) is not { } condition)
            {
                io.Error.WriteLine($"costdsl: {problem}");
                return null;
            }

            conditions.Add(condition);
        }

        return conditions;
    }

    /// <summary>Writes the diff with the gate's part; exit 1 when a condition holds (each named on stderr), 2 when one cannot be checked.</summary>
    public static int Report(DiffResult diff, GateResult gate, string format, CliIO io)
    {
        if (gate.Problem is not null)
        {
            io.Error.WriteLine($"costdsl: {gate.Problem}");
            return ExitCodes.Usage;
        }

        io.Output.Write(format switch
        {
            "json" => GateJson.Write(diff, gate),
            "markdown" => GateText.Markdown(diff, gate),
            _ => DiffText.Text(diff) + GateText.Text(gate),
        });
        foreach (var trip in gate.Tripped)
        {
            io.Error.WriteLine($"costdsl: diff gate failed: --fail-on '{trip.Condition}': {trip.Reason}");
        }

        return gate.Failed ? ExitCodes.Failure : ExitCodes.Success;
    }
}
