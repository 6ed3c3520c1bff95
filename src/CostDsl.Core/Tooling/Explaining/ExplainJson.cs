using CostDsl.Output;

namespace CostDsl.Tooling.Explaining;

/// <summary>
/// An explain tree as JSON: nested objects <c>{kind, name?, expression, value, unit, p5?, p95?, file,
/// line, declaredIn?, source?, truncated?, repeated?, children}</c>. value is a number (the mean when
/// uncertain), a boolean for a condition, or null when the step failed.
/// </summary>
public static class ExplainJson
{
    public static string Write(ExplainNode root) => JsonOut.Write(json => WriteNode(json, root));

    private static void WriteNode(JsonOut json, ExplainNode node) => json.Object(() =>
    {
        json.String("kind", node.Kind.ToString().ToLowerInvariant()).OptionalString("name", node.Name).String("expression", node.Expression);
        ShownValueJson.Write(json, node.Value);
        json.String("file", node.File).Integer("line", node.Line).OptionalString("declaredIn", node.DeclaredIn).OptionalString("source", node.Source);
        if (node.Truncated)
        {
            json.Boolean("truncated", true);
        }

        if (node.Repeated)
        {
            json.Boolean("repeated", true);
        }

        json.Array("children", node.Children, child => WriteNode(json, child));
    });
}
