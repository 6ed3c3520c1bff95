using CostDsl.Output;

namespace CostDsl.Tooling.Diffing;

/// <summary>
/// The gate's part of <c>costdsl-diff/1</c>: <c>asserts:[{file, line, message, old, new}]</c> (old/new
/// <c>pass</c>, <c>fail</c> or <c>absent</c>) and <c>gate:{conditions, failed, tripped:[{condition, reason}]}</c>,
/// added as the last properties of <see cref="DiffJson.Write"/>'s object.
/// </summary>
public static class GateJson
{
    public static string Write(DiffResult diff, GateResult gate) => DiffJson.Write(diff, json =>
    {
        json.Array("asserts", gate.Asserts, change => json.Object(() => json
            .String("file", change.File)
            .Integer("line", change.Line)
            .String("message", change.Message)
            .String("old", Outcome(change.Old))
            .String("new", Outcome(change.New))));
        json.Object("gate", () => json
            .Array("conditions", gate.Conditions, condition => json.String(condition.Text))
            .Boolean("failed", gate.Failed)
            .Array("tripped", gate.Tripped, trip => json.Object(() => json.String("condition", trip.Condition.Text).String("reason", trip.Reason))));
    });

    private static string Outcome(bool? passed) => passed switch
    {
        true => "pass",
        false => "fail",
        null => "absent",
    };
}
