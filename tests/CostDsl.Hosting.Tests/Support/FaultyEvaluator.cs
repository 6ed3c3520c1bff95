using CostDsl.Engine;
using Microsoft.Extensions.DependencyInjection;

namespace CostDsl.Hosting.Tests.Support;

/// <summary>The real evaluator, except that specs whose name contains <see cref="Trigger"/> make it throw: a bug in costdsl, injected.</summary>
public sealed class FaultyEvaluator(ICostEvaluator inner, string trigger) : ICostEvaluator
{
    public string Trigger { get; } = trigger;

    /// <summary>Puts a faulty evaluator in place of the registered one.</summary>
    public static Action<IServiceCollection> Install(string trigger) => EvaluatorWrapper.Install(inner => new FaultyEvaluator(inner, trigger));

    public Task<ParsedSpec> ParseAsync(SpecSource source, CancellationToken cancellation = default) => inner.ParseAsync(source, cancellation);

    public Task<SpecResult> CheckAsync(SpecSource source, EvaluationOptions? options = null, CancellationToken cancellation = default) => inner.CheckAsync(source, options, cancellation);

    public Task<SpecResult> EvaluateAsync(SpecSource source, EvaluationOptions? options = null, CancellationToken cancellation = default) =>
        Path.GetFileName(source.Location).Contains(Trigger, StringComparison.Ordinal)
            ? throw new InvalidOperationException("injected fault")
            : inner.EvaluateAsync(source, options, cancellation);

    public string ToJson(SpecResult result) => inner.ToJson(result);
}
