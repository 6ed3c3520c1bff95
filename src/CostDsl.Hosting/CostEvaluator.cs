using System.Collections.Concurrent;
using System.Text;
using CostDsl.Diagnostics;
using CostDsl.Engine;
using CostDsl.Modules;
using CostDsl.Output;
using CostDsl.Output.Formats;
using CostDsl.Parsing;
using CostDsl.Runtime;
using CostDsl.Semantics;
using CostDsl.Text;
using Microsoft.Extensions.Options;

namespace CostDsl.Hosting;

/// <summary>
/// The evaluator service: a <see cref="CostEngine"/> per run that parses imports through the shared
/// <see cref="ImportCache"/>, reads every file through <see cref="ConfinedSources"/>, and holds each
/// file to the configured limits. Its only state is caches that are safe to share.
/// </summary>
internal sealed class CostEvaluator(IOptions<CostDslOptions> settings, ImportCache cache) : ICostEvaluator, IDisposable
{
    private const int MaxCachedRoots = 64;

    private readonly ConcurrentDictionary<string, ConfinedSources> sourcesByRoot = new(StringComparer.Ordinal);

    // A batch runs thousands of specs: a thread apiece cost an eighth of its time (see DeepStackThreads).
    private readonly DeepStackThreads threads = new();

    private CostDslLimits Limits => settings.Value.Limits;

    public async Task<ParsedSpec> ParseAsync(SpecSource source, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var (root, refusal) = ReadRoot(source, SourcesFor(source.InputRoot));
        if (root is null)
        {
            return new ParsedSpec(null, [refusal!]);
        }

        using var limit = StartClock(cancellation);
        try
        {
            return await threads.RunAsync(() =>
            {
                var diagnostics = new DiagnosticBag();
                var tree = Parser.ParseFile(root, diagnostics);
                return new ParsedSpec(tree, diagnostics.Sorted());
            }).WaitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return new ParsedSpec(null, [TimeLimit(root)]);
        }
    }

    public Task<SpecResult> CheckAsync(SpecSource source, EvaluationOptions? options = null, CancellationToken cancellation = default) =>
        RunAsync(source, options, evaluate: false, cancellation);

    public Task<SpecResult> EvaluateAsync(SpecSource source, EvaluationOptions? options = null, CancellationToken cancellation = default) =>
        RunAsync(source, options, evaluate: true, cancellation);

    public void Dispose() => threads.Dispose();

    public string ToJson(SpecResult result) => OutputFormats.Json.Write([result.Run], OutputOptions.Default);

    private async Task<SpecResult> RunAsync(SpecSource source, EvaluationOptions? given, bool evaluate, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var options = given ?? new EvaluationOptions { Samples = settings.Value.Samples, Seed = settings.Value.Seed };
        var sources = source.Snapshot is { } snapshot ? SourcesFor(source.InputRoot).WithSnapshot(snapshot) : SourcesFor(source.InputRoot);
        var (root, refusal) = ReadRoot(source, sources);
        if (root is null)
        {
            return new SpecResult(new RunResult(refusal!.File, null, [refusal]), []);
        }

        var recorder = new RecordingSources(sources, source.Snapshot);
        recorder.Record(root);
        var rootInput = recorder.Inputs[0];
        if (options.Samples < 1 || options.Samples > Limits.MaxSamples)
        {
            var message = $"{options.Samples} samples asked for; the limit MaxSamples allows 1 to {Limits.MaxSamples}";
            return new SpecResult(new RunResult(root.Path, null, [new Diagnostic(Severity.Error, Codes.LimitExceeded, message, root.Span(0, 0))]), [rootInput]);
        }

        using var limit = StartClock(cancellation);
        try
        {
            var engine = new CostEngine(recorder, cache) { Limits = Limits.Static, ReuseModuleChecks = true, Threads = threads };
            var run = evaluate
                ? await engine.EvaluateAsync(root, options, limit.Token).ConfigureAwait(false)
                : await engine.CheckAsync(root, options, limit.Token).ConfigureAwait(false);

            // The pipeline's thread has finished, so the recorder is no longer written to.
            return new SpecResult(run, [.. recorder.Inputs]) { Imports = [.. recorder.Edges], Reads = recorder.Lookup };
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            // The abandoned thread sees the same cancelled token at its next step and ends there.
            return new SpecResult(new RunResult(root.Path, null, [TimeLimit(root)]), [rootInput]) { TimedOut = true };
        }
    }

    private CancellationTokenSource StartClock(CancellationToken cancellation)
    {
        var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        limit.CancelAfter(Limits.MaxEvaluationTime);
        return limit;
    }

    private Diagnostic TimeLimit(SourceFile root) =>
        new(Severity.Error, Codes.LimitExceeded, $"{root.Path} took longer than the limit MaxEvaluationTime ({Limits.MaxEvaluationTime.TotalSeconds:0.###} s) and was stopped", root.Span(0, 0));

    private (SourceFile? File, Diagnostic? Refusal) ReadRoot(SpecSource source, ConfinedSources sources)
    {
        var display = sources.DisplayPath(source.Location);
        if (source.Text is { } text)
        {
            var file = new SourceFile(display, text, source.Location);
            return Encoding.UTF8.GetByteCount(text) > Limits.MaxSourceBytes
                ? (null, new Diagnostic(Severity.Error, Codes.LimitExceeded, $"{display} is larger than the limit MaxSourceBytes ({Limits.MaxSourceBytes} bytes)", new SourceFile(display, string.Empty).Span(0, 0)))
                : (file, null);
        }

        var read = sources.Open(source.Location, display, $"file '{display}'");
        if (read.File is { } found)
        {
            return (found, null);
        }

        var message = read.Error ?? $"cannot read {display}";
        var diagnostic = new Diagnostic(Severity.Error, read.Code ?? Codes.FileUnreadable, message, new SourceFile(display, string.Empty).Span(0, 0));
        return (null, diagnostic);
    }

    private ConfinedSources SourcesFor(string inputRoot)
    {
        if (sourcesByRoot.TryGetValue(inputRoot, out var known))
        {
            return known;
        }

        // A service that evaluates specs from many folders must not grow without end.
        if (sourcesByRoot.Count >= MaxCachedRoots)
        {
            sourcesByRoot.Clear();
        }

        return sourcesByRoot.GetOrAdd(inputRoot, r => new ConfinedSources(r, settings.Value.RulesRoots, Limits.MaxSourceBytes));
    }
}
