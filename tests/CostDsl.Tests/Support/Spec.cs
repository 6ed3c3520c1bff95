using CostDsl.Diagnostics;
using CostDsl.Engine;
using CostDsl.Runtime;
using CostDsl.Text;

namespace CostDsl.Tests.Support;

/// <summary>Evaluates spec text in memory and reads back what a user would see.</summary>
public static class Spec
{
    private static readonly CostEngine Engine = new();

    public static RunResult Run(string text, params string[] sets) => Run(text, new EvaluationOptions { Sets = sets });

    public static RunResult Run(string text, EvaluationOptions options, string path = "spec.cost") =>
        Engine.Evaluate(new SourceFile(path, text, Path.Combine(Repository.Root, path)), options);

    /// <summary>Evaluates and fails the test on any diagnostic.</summary>
    public static RunResult Clean(string text, params string[] sets)
    {
        var result = Run(text, sets);
        Assert.That(result.Diagnostics, Is.Empty, () => DiagnosticRenderer.RenderAll(result.Diagnostics));
        return result;
    }

    /// <summary>An output's value (in its display unit) and unit.</summary>
    public static (double Value, string Unit) Output(this RunResult result, string name)
    {
        var output = result.Evaluation?.Outputs.SingleOrDefault(o => o.Name == name);
        Assert.That(output, Is.Not.Null, () => $"no output '{name}'. Diagnostics:\n{DiagnosticRenderer.RenderAll(result.Diagnostics)}");
        var quantity = output!.Value as Quantity;
        Assert.That(quantity, Is.Not.Null, $"output '{name}' is not a number");
        return (quantity!.Magnitude.Value / output.Scale, output.Unit);
    }

    /// <summary>The errors, as "line:column CODE" strings, for compact assertions.</summary>
    public static string[] Errors(this RunResult result) =>
        [.. result.Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => $"{d.Line}:{d.Column} {d.Code.Id}")];

    public static Diagnostic Single(this RunResult result, string code)
    {
        var matches = result.Diagnostics.Where(d => d.Code.Id == code).ToList();
        Assert.That(matches, Has.Count.EqualTo(1), () => DiagnosticRenderer.RenderAll(result.Diagnostics));
        return matches[0];
    }
}
