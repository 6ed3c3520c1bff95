using CostDsl.Output;

namespace CostDsl.Tooling.Diffing;

/// <summary>
/// A diff as JSON (schema <c>costdsl-diff/1</c>): <c>{schema, old, new, outputs:[{name, status,
/// old?, new?, absolute?, relative?}], unchanged, assumptions:[{kind, name, status, old?, new?, file,
/// line, affects}], diagnostics}</c>, each value <c>{value, unit, p5?, p95?}</c>.
/// </summary>
public static class DiffJson
{
    public const string Schema = "costdsl-diff/1";

    public static string Write(DiffResult diff) => Write(diff, null);

    /// <summary>The diff object; <paramref name="more"/> adds its last properties (the gate's, <see cref="GateJson"/>).</summary>
    internal static string Write(DiffResult diff, Action<JsonOut>? more) => JsonOut.Write(json => json.Object(() =>
    {
        json.String("schema", Schema).String("old", diff.OldFile).String("new", diff.NewFile);
        json.Array("outputs", diff.Outputs, output => json.Object(() =>
        {
            json.String("name", output.Name).String("status", output.Status.ToString().ToLowerInvariant());
            Value(json, "old", output.Old);
            Value(json, "new", output.New);
            Value(json, "absolute", output.Absolute);
            json.OptionalNumber("relative", output.Relative);
        }));
        json.Integer("unchanged", diff.UnchangedOutputs);
        json.Array("assumptions", diff.Assumptions, change => json.Object(() =>
        {
            json.String("kind", change.Kind).String("name", change.Name).String("status", change.Status.ToString().ToLowerInvariant());
            Value(json, "old", change.Old);
            Value(json, "new", change.New);
            json.String("file", change.File).Integer("line", change.Line).Array("affects", change.Affects, name => json.String(name));
        }));
        json.Array("diagnostics", diff.Diagnostics, diagnostic => json.Object(() => json
            .String("severity", diagnostic.Severity.ToString().ToLowerInvariant())
            .String("code", diagnostic.Code.Id)
            .String("message", diagnostic.Message)
            .String("file", diagnostic.File)
            .Integer("line", diagnostic.Line)
            .Integer("column", diagnostic.Column)));
        more?.Invoke(json);
    }));

    private static void Value(JsonOut json, string name, ShownValue? value)
    {
        if (value is not null)
        {
            json.Object(name, () => ShownValueJson.Write(json, value));
        }
    }
}
