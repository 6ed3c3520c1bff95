using System.Security.Cryptography;
using System.Text;
using CostDsl.Diagnostics;
using CostDsl.Modules;
using CostDsl.Parsing;
using CostDsl.Runtime;
using CostDsl.Semantics;
using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.Engine;

/// <summary>
/// The whole pipeline: source text -> syntax -> checked program -> values. Holds no state between
/// runs but an optional <see cref="ImportCache"/> (safe to share), so one engine may serve many
/// threads. Whatever the input, a run ends in a result with diagnostics, never in an exception;
/// only cancellation by the caller ends it early, as <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class CostEngine(SourceProvider? sources = null, ImportCache? imports = null)
{
    private readonly SourceProvider sources = sources ?? new FileSystemSources();

    public SourceProvider Sources => sources;

    public RunResult EvaluateFile(string path, EvaluationOptions? options = null, CancellationToken cancellation = default)
    {
        var found = sources.OpenRoot(path);
        return found.File is { } file
            ? Evaluate(file, options, cancellation)
            : new RunResult(path, null, [new Diagnostic(Severity.Error, found.Code ?? Codes.FileNotFound, found.Error ?? $"file not found: {path}", new SourceFile(path, string.Empty).Span(0, 0))]);
    }

    public RunResult Evaluate(SourceFile file, EvaluationOptions? options = null, CancellationToken cancellation = default) =>
        EvaluateAsync(file, options, cancellation).GetAwaiter().GetResult();

    /// <summary>Parses, checks and evaluates on a deep-stack thread of its own; the caller's thread is not held.</summary>
    public Task<RunResult> EvaluateAsync(SourceFile file, EvaluationOptions? options = null, CancellationToken cancellation = default) =>
        RunAsync(file, options ?? new EvaluationOptions(), cancellation);

    /// <summary>
    /// Diagnostics only: everything <see cref="EvaluateAsync"/> would report (asserts, division by
    /// zero and every other evaluation error included), without the values. It evaluates, as
    /// <c>costdsl check</c> does, because a spec whose assert fails is not a spec that checks.
    /// </summary>
    public async Task<RunResult> CheckAsync(SourceFile file, EvaluationOptions? options = null, CancellationToken cancellation = default)
    {
        var run = await RunAsync(file, options ?? new EvaluationOptions(), cancellation).ConfigureAwait(false);
        return new RunResult(run.File, null, run.Diagnostics);
    }

    /// <summary>The checked program, or null when it has errors; for tools that walk it (explain, diff).</summary>
    public (CheckedProgram? Program, IReadOnlyList<Diagnostic> Diagnostics) Check(SourceFile file, EvaluationOptions? options = null)
    {
        var diagnostics = new DiagnosticBag();
        var program = Guarded(file.Path, diagnostics, () => CheckProgram(file, options ?? new EvaluationOptions(), diagnostics, default));
        return (diagnostics.HasErrors ? null : program, diagnostics.Sorted());
    }

    /// <summary>
    /// Wall time for one run (parse, check, evaluate) before it is stopped with CD0003; null for none.
    /// The command line sets it, so that no spec (a doubling chain of functions) runs forever.
    /// </summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>The static bound's limits (steps, memory): a spec over them is refused before it runs.</summary>
    public CostDsl.Limits.CostLimits Limits { get; init; } = CostDsl.Limits.CostLimits.Default;

    /// <summary>
    /// Whether imported modules the import cache knows to check clean (<see cref="ImportCache.Modules"/>) are
    /// checked only where reached, and modules found clean are recorded there: a batch over a chain of
    /// imports then checks each module about once instead of once per spec above it. The diagnostics and
    /// the JSON are the same either way. Needs an <see cref="ImportCache"/>; off by default.
    /// </summary>
    public bool ReuseModuleChecks { get; init; }

    /// <summary>Deep-stack threads to reuse (a host's, for many runs); null starts a thread per run.</summary>
    public DeepStackThreads? Threads { get; init; }

    /// <summary>The bundled library already parsed (the costdsl tool embeds it): a std/ import it holds is read from it, not parsed.</summary>
    public PrecompiledLibrary? Library { get; init; }

    private async Task<RunResult> RunAsync(SourceFile file, EvaluationOptions options, CancellationToken caller)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(caller);
        if (TimeLimit is { } time)
        {
            limit.CancelAfter(time);
        }

        try
        {
            return await RunLimitedAsync(file, options, limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!caller.IsCancellationRequested && TimeLimit is { } stopped)
        {
            // The abandoned thread sees the cancelled token at its next step and ends there; its diagnostics are not shared.
            return new RunResult(file.Path, null, [TimeLimitExceeded(file, stopped)]);
        }
    }

    /// <summary>What a run stopped at <see cref="TimeLimit"/> reports, at the top of its root file.</summary>
    internal static Diagnostic TimeLimitExceeded(SourceFile file, TimeSpan limit) =>
        new(Severity.Error, Codes.LimitExceeded, $"{file.Path} took longer than the time limit ({limit.TotalSeconds:0.###} s) and was stopped", file.Span(0, 0));

    private async Task<RunResult> RunLimitedAsync(SourceFile file, EvaluationOptions options, CancellationToken cancellation)
    {
        var diagnostics = new DiagnosticBag();
        string? sources = null;
        if (options.Samples < 1)
        {
            // A caller's mistake, not the spec's: said at the top of the file rather than crashing a reduction.
            diagnostics.Error(Codes.LimitExceeded, file.Span(0, 0), $"samples must be at least 1, not {options.Samples}");
            return new RunResult(file.Path, null, diagnostics.Sorted());
        }

        Func<Evaluation?> run = () => Guarded<Evaluation>(
            file.Path,
            diagnostics,
            () =>
            {
                var program = CheckProgram(file, options, diagnostics, cancellation, planFromLibrary: true);
                var sampling = new Sampling(options.Samples, options.Seed) { Part = options.Part };
                if (program is null)
                {
                    return null;
                }

                if (!options.Part.IsWhole)
                {
                    sources = SourcesDigest(program);
                }

                return diagnostics.HasErrors
                    ? Evaluator.EvaluateIndependent(program, diagnostics, sampling, cancellation)
                    : Evaluator.Evaluate(program, diagnostics, sampling, cancellation);
            });
        var work = Threads is { } threads ? threads.RunAsync(run) : DeepStack.RunAsync(run);

        // On cancellation the deep-stack thread stops at its next statement, declaration or node.
        var evaluation = await work.WaitAsync(cancellation).ConfigureAwait(false);
        var sensitivity = evaluation is not null && options.Sensitivity is { } output ? Analyse(file, evaluation, output, diagnostics) : null;
        return new RunResult(file.Path, evaluation, diagnostics.Sorted()) { Sensitivity = sensitivity, Sources = sources };
    }

    /// <summary>The texts of every file <paramref name="program"/> loaded, in load order, hashed: what a sweep's parts must agree on besides their settings.</summary>
    private static string SourcesDigest(CheckedProgram program)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[sizeof(long)];
        foreach (var tree in program.Model.Trees)
        {
            // Each text's length first, so that no two lists of texts hash alike by where one ends and the next begins.
            var bytes = Encoding.UTF8.GetBytes(tree.File.Text);
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(length, bytes.Length);
            hash.AppendData(length);
            hash.AppendData(bytes);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static Output.Sensitivity? Analyse(SourceFile file, Evaluation evaluation, string name, DiagnosticBag diagnostics)
    {
        var output = evaluation.Outputs.FirstOrDefault(o => o.Name == name);
        SourceSpan? at = null; // a command-line argument: no place in the file to point at
        if (output is null)
        {
            diagnostics.Error(Codes.OutputNotFound, at, $"--sensitivity {name}: no output of that name{NameSuggestions.Hint(name, evaluation.Outputs.Select(o => o.Name))}");
            return null;
        }

        if (output.Value is not Quantity { Magnitude.IsExact: false } quantity || evaluation.GridPoints > 1)
        {
            diagnostics.Error(Codes.Unsupported, at, $"--sensitivity {name}: the output is {(evaluation.GridPoints > 1 ? "swept; run it without sweeps" : "not uncertain, so no input explains any variance")}");
            return null;
        }

        return Output.SensitivityAnalysis.Compute(name, quantity.Magnitude.Samples, evaluation.UncertainInputs);
    }

    /// <summary>The checked program; null when its cost bound is over <see cref="Limits"/> (then it must not run).</summary>
    /// <param name="planFromLibrary">
    /// A run that evaluates (the diagnostics and the JSON are the same either way) checks the std/ modules <see cref="Library"/>
    /// knows clean only where reached, with no ModuleChecks of its own; a tool that walks the checked program (explain) does not.
    /// </param>
    private CheckedProgram? CheckProgram(SourceFile file, EvaluationOptions options, DiagnosticBag diagnostics, CancellationToken cancellation, bool planFromLibrary = false)
    {
        var overrides = ParseOverrides(options.Sets, diagnostics).Concat(ParseSweeps(options.Sweeps, diagnostics)).ToList();
        var confined = sources.ForRoot(file);
        var assembler = new ProgramAssembler(confined, ParseImport);
        var model = assembler.Assemble(file, overrides, diagnostics, cancellation, options.Scenario);
        var modules = ReuseModuleChecks ? imports?.Modules : null;
        var assemblyClean = diagnostics.Items.Count == 0;
        var plan = modules is not null ? modules.Plan(model, assemblyClean, Library)
            : planFromLibrary && Library is not null ? ModuleChecks.PlanFromLibrary(model, assemblyClean, Library) : null;
        var program = Checker.Check(model, diagnostics, plan, cancellation);
        Advice.Plausibility.Warn(program, diagnostics);
        if (plan is not null && modules is not null)
        {
            modules.Record(program, plan, diagnostics.Items);
        }

        return CostDsl.Limits.CostBound.Enforce(program, Limits, options.Samples, diagnostics, cancellation) ? program : null;
    }

    private SyntaxTree ParseImport(SourceFile file, DiagnosticBag diagnostics) =>
        Library?.Find(file) ?? (imports is null ? Parser.ParseFile(file, diagnostics) : imports.Parse(file, diagnostics));

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
                diagnostics.Error(Codes.BadOverride, source.Span(0, 0), $"--set '{set}': expected PATH=EXPR, where PATH is a let or Block.field");
                continue;
            }

            if (Parser.ParseExpression(source, diagnostics) is { } value)
            {
                overrides.Add(new Override([.. parts], value, source.Span(0, source.Text.Length)));
            }
        }

        return overrides;
    }

    /// <summary>Each <c>PATH=[...]</c> is read as the declaration <c>sweep PATH in [...]</c>, in a file of its own named after it.</summary>
    private static List<Override> ParseSweeps(IReadOnlyList<string> sweeps, DiagnosticBag diagnostics)
    {
        var declarations = new List<Override>();
        foreach (var sweep in sweeps)
        {
            var equals = sweep.IndexOf('=', StringComparison.Ordinal);
            var path = equals < 0 ? sweep : sweep[..equals].Trim();
            var source = new SourceFile($"--sweep {path}", equals < 0 ? string.Empty : $"sweep {path} in {sweep[(equals + 1)..].Trim()}");
            if (equals < 0)
            {
                diagnostics.Error(Codes.BadOverride, source.Span(0, 0), $"--sweep '{sweep}': expected PATH=[v1, v2, ...]");
                continue;
            }

            var tree = Parser.ParseFile(source, diagnostics);
            declarations.AddRange(tree.OfType<SweepDecl>().Select(d => new Override(d)));
        }

        return declarations;
    }

    /// <summary>An unexpected exception becomes a diagnostic, without its stack trace; cancellation passes.</summary>
    private static T? Guarded<T>(string file, DiagnosticBag diagnostics, Func<T?> work)
        where T : class
    {
        try
        {
            return work();
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            diagnostics.Error(Codes.InternalError, null, InternalErrors.Message(file, e));
            return null;
        }
    }
}
