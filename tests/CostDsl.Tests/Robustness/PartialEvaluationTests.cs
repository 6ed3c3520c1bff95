using System.Collections.Frozen;
using CostDsl.Diagnostics;
using CostDsl.Modules;
using CostDsl.Runtime;
using CostDsl.Semantics;
using CostDsl.Syntax;
using CostDsl.Text;
using CostDsl.Units;

namespace CostDsl.Tests.Robustness;

/// <summary>With static errors, the declarations that do not depend on them are evaluated, and a bug there is said, not swallowed.</summary>
public class PartialEvaluationTests
{
    /// <summary>
    /// The checked program of <paramref name="text"/> (which has a static error) without its resolved
    /// units: evaluating a quantity like '3 GB' then throws KeyNotFoundException, standing in for any
    /// bug of ours reached by an independent declaration.
    /// </summary>
    private static CheckedProgram WithoutUnits(string text, DiagnosticBag diagnostics)
    {
        var file = new SourceFile("spec.cost", text);
        var model = new ProgramAssembler(new FileSystemSources().ForRoot(file)).Assemble(file, [], diagnostics);
        var program = Checker.Check(model, diagnostics);
        return new CheckedProgram(program.Model, program.Units, program.Bindings, FrozenDictionary<UnitSyntax, Unit>.Empty, program.Outputs, program.Asserts, program.Sweeps, program.IsUncertain, program.SamplingKeys);
    }

    [Test]
    public void AnUnexpectedExceptionInAnIndependentDeclarationIsAnInternalError()
    {
        var diagnostics = new DiagnosticBag();
        var evaluation = Evaluator.EvaluateIndependent(WithoutUnits("let bad = 1 s + 1 GB\noutput ok = 3 GB", diagnostics), diagnostics);

        Assert.Multiple(() =>
        {
            Assert.That(evaluation, Is.Not.Null);
            Assert.That(evaluation!.Outputs, Is.Empty);
            Assert.That(diagnostics.Sorted().Select(d => $"{d.Line}:{d.Column} {d.Code.Id}"), Is.EqualTo(new[] { "1:15 CD0201", "2:8 CD0999" }));
            Assert.That(diagnostics.Items.Single(d => d.Code == Codes.InternalError).Message, Does.Contain("KeyNotFoundException"));
        });
    }

    [Test]
    public void TheOtherIndependentDeclarationsStillRunAfterAnInternalError()
    {
        var diagnostics = new DiagnosticBag();
        var evaluation = Evaluator.EvaluateIndependent(WithoutUnits("let bad = 1 s + 1 GB\noutput broken = 3 GB\noutput fine = 2 * 3", diagnostics), diagnostics);

        Assert.That(evaluation!.Outputs.Select(o => o.Name), Is.EqualTo(new[] { "fine" }));
    }
}
