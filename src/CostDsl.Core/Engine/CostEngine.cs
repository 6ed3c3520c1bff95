using System.Collections.Immutable;
using CostDsl.Diagnostics;
using CostDsl.Parsing;
using CostDsl.Runtime;
using CostDsl.Semantics;
using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.Engine;

/// <summary>
/// The whole pipeline: source text -> syntax -> checked program -> values. Holds no state between
/// runs, so one engine may serve many threads. Whatever the input, a run ends in a result with
/// diagnostics, never in an exception.
/// </summary>
public sealed class CostEngine(SourceProvider? sources = null, ParseCache? cache = null)
{
    private readonly SourceProvider sources = sources ?? new FileSystemSources();

    public SourceProvider Sources => sources;

    public RunResult EvaluateFile(string path, EvaluationOptions? options = null, CancellationToken cancellation = default)
    {
        var found = sources is FileSystemSources files
            ? files.Load(Path.GetFullPath(path), path)
            : SourceLookup.Missing($"file not found: {path}");
        return found.File is { } file
            ? Evaluate(file, options, cancellation)
            : new RunResult(path, null, [new Diagnostic(Severity.Error, found.Code ?? Codes.FileNotFound, found.Error ?? $"file not found: {path}", new SourceFile(path, string.Empty).Span(0, 0))]);
    }

    public RunResult Evaluate(SourceFile file, EvaluationOptions? options = null, CancellationToken cancellation = default) =>
        Run(file, options ?? new EvaluationOptions(), evaluate: true, cancellation);

    /// <summary>Parses, resolves and checks without evaluating: the checked program, or null when it has errors.</summary>
    public (CheckedProgram? Program, IReadOnlyList<Diagnostic> Diagnostics) Check(SourceFile file, EvaluationOptions? options = null)
    {
        CheckedProgram? program = null;
        var diagnostics = new DiagnosticBag();
        Guard(file.Path, diagnostics, () => program = CheckProgram(file, options ?? new EvaluationOptions(), diagnostics), default);
        return (diagnostics.HasErrors ? null : program, diagnostics.Sorted());
    }

    private RunResult Run(SourceFile file, EvaluationOptions options, bool evaluate, CancellationToken cancellation)
    {
        var diagnostics = new DiagnosticBag();
        Evaluation? evaluation = null;
        Guard(
            file.Path,
            diagnostics,
            () =>
            {
                var program = CheckProgram(file, options, diagnostics);
                if (evaluate && !diagnostics.HasErrors)
                {
                    evaluation = Evaluator.Evaluate(program, diagnostics, cancellation);
                }
            },
            cancellation);
        return new RunResult(file.Path, evaluation, diagnostics.Sorted());
    }

    private CheckedProgram CheckProgram(SourceFile file, EvaluationOptions options, DiagnosticBag diagnostics)
    {
        var overrides = ParseOverrides(options.Sets, diagnostics);
        var assembler = cache is null ? new ProgramAssembler(sources) : new ProgramAssembler(sources, cache.Parse);
        var model = assembler.Assemble(file, overrides, diagnostics);
        return Checker.Check(model, diagnostics);
    }

    /// <summary>Each <c>PATH=EXPR</c> is parsed by the same grammar as a file, in a file of its own named after it.</summary>
    private static List<Override> ParseOverrides(IReadOnlyList<string> sets, DiagnosticBag diagnostics)
    {
        var overrides = new List<Override>();
        foreach (var set in sets)
        {
            var equals = set.IndexOf('=', StringComparison.Ordinal);
            var path = equals < 0 ? set : set[..equals].Trim();
            var source = new SourceFile($"--set {path}", equals < 0 ? string.Empty : set[(equals + 1)..]);
            var parts = path.Split('.');
            if (equals < 0 || parts.Length > 2 || parts.Any(p => p.Length == 0 || !p.All(Lexical.IsIdentifierChar) || char.IsDigit(p[0])))
            {
                diagnostics.Error(Codes.BadOverride, null, $"--set '{set}': expected PATH=EXPR, where PATH is a let or Block.field");
                continue;
            }

            if (Parser.ParseExpression(source, diagnostics) is { } value)
            {
                overrides.Add(new Override([.. parts], value, source.Span(0, source.Text.Length)));
            }
        }

        return overrides;
    }

    /// <summary>Runs work on a deep stack; an unexpected exception becomes a diagnostic, without its stack trace.</summary>
    private static void Guard(string file, DiagnosticBag diagnostics, Action work, CancellationToken cancellation)
    {
        try
        {
            DeepStack.Run(
                () =>
                {
                    work();
                    return 0;
                },
                cancellation);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            diagnostics.Error(Codes.InternalError, null, $"internal error while evaluating {file}: {e.GetType().Name}: {e.Message}. Please report it with the file.");
        }
    }

}
