using System.Text;
using CostDsl.Scenarios;

namespace CostDsl.Output;

/// <summary>
/// <c>--scenario all</c> in JSON: the base spec's result, exactly as <c>costdsl eval</c> writes it
/// (so a reader of <c>costdsl/1</c> sees what it always saw), with one more optional member,
/// <c>scenarios</c>: each scenario's complete result object, keyed by its name, in the order asked.
/// Several files give an array of such objects.
/// </summary>
public static class ScenarioJson
{
    public static string Write(IReadOnlyList<ScenarioRun> runs, bool single, OutputOptions? options = null)
    {
        if (single && runs.Count == 1)
        {
            return Object(runs[0], options, indent: string.Empty) + "\n";
        }

        var text = new StringBuilder("[\n");
        for (var i = 0; i < runs.Count; i++)
        {
            text.Append(Object(runs[i], options, indent: "  ")).Append(i < runs.Count - 1 ? ",\n" : "\n");
        }

        return text.Append("]\n").ToString();
    }

    /// <summary>
    /// The base result's JSON with <c>"scenarios": {...}</c> added before its closing brace. The pieces
    /// come from <see cref="JsonReport"/>, so numbers are written one way; a JSON string never holds a
    /// raw line break, so indenting line by line is safe.
    /// </summary>
    private static string Object(ScenarioRun run, OutputOptions? options, string indent)
    {
        var body = JsonReport.Write(run.Base, options).TrimEnd('\n');
        var text = new StringBuilder(body[..body.LastIndexOf('}')].TrimEnd());
        text.Append(",\n  ").Append(Name("scenarios")).Append(": {");
        for (var i = 0; i < run.Scenarios.Count; i++)
        {
            var (name, result) = run.Scenarios[i];
            var nested = Indent(JsonReport.Write(result, options).TrimEnd('\n'), "    ").TrimStart();
            text.Append(i == 0 ? "\n" : ",\n").Append("    ").Append(Name(name)).Append(": ").Append(nested);
        }

        text.Append(run.Scenarios.Count == 0 ? "}" : "\n  }").Append("\n}");
        return Indent(text.ToString(), indent);
    }

    private static string Name(string name) => Newtonsoft.Json.JsonConvert.ToString(name);

    private static string Indent(string text, string indent) =>
        indent.Length == 0 ? text : string.Join("\n", text.Split('\n').Select(line => indent + line));
}
