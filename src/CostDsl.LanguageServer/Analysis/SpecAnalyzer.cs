using CostDsl.Diagnostics;
using CostDsl.Engine;
using CostDsl.Modules;
using CostDsl.Parsing;
using CostDsl.Runtime;
using CostDsl.Semantics;
using CostDsl.Text;

namespace CostDsl.LanguageServer.Analysis;

/// <summary>
/// The CLI's pipeline, split in two so that diagnostics need not wait for Monte Carlo: check
/// (assemble the program with its imports, then <see cref="Checker"/>), then evaluate with one
/// <see cref="EvaluationSession"/>. These are the steps <see cref="CostEngine"/> runs, with no
/// --set, --scenario or --sweep, so codes, messages and numbers are those of <c>costdsl eval</c>.
/// Imports are parsed once per text through a shared <see cref="ImportCache"/>.
/// </summary>
public sealed class SpecAnalyzer(SourceProvider sources, Sampling sampling)
{
    private readonly ImportCache imports = new();

    public Sampling Sampling { get; } = sampling;

    public Task<CheckedSpec> CheckAsync(SourceFile root, int version, CancellationToken cancellation) =>
        DeepStack.RunAsync(() => Check(root, version, cancellation)).WaitAsync(cancellation);

    public Task<EvaluatedSpec> EvaluateAsync(CheckedSpec spec, CancellationToken cancellation) =>
        DeepStack.RunAsync(() => Evaluate(spec, cancellation)).WaitAsync(cancellation);

    private CheckedSpec Check(SourceFile root, int version, CancellationToken cancellation)
    {
        var diagnostics = new DiagnosticBag();
        ProgramModel? model = null;
        CheckedProgram? program = null;
        try
        {
            model = new ProgramAssembler(sources, imports.Parse).Assemble(root, [], diagnostics, cancellation);
            program = Checker.Check(model, diagnostics, cancellation);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            diagnostics.Error(Codes.InternalError, null, InternalError(root, e));
        }

        return new CheckedSpec(root, version, model, program, diagnostics.Sorted());
    }

    private EvaluatedSpec Evaluate(CheckedSpec spec, CancellationToken cancellation)
    {
        if (spec.Program is not { } program || spec.HasErrors)
        {
            return new EvaluatedSpec(spec, null, null, spec.Diagnostics, "not evaluated: the spec has errors");
        }

        var diagnostics = new DiagnosticBag();
        diagnostics.AddRange(spec.Diagnostics);
        try
        {
            var session = new EvaluationSession(program, diagnostics, Sampling, cancellation);
            var evaluation = session.Run();
            return new EvaluatedSpec(spec, session, evaluation, diagnostics.Sorted(), null);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            diagnostics.Error(Codes.InternalError, null, InternalError(spec.Root, e));
            return new EvaluatedSpec(spec, null, null, diagnostics.Sorted(), "not evaluated: internal error");
        }
    }

    private static string InternalError(SourceFile root, Exception e) =>
        $"internal error while evaluating {root.Path}: {e.GetType().Name}: {e.Message}. Please report it with the file.";
}
