using CostDsl.Engine;

namespace CostDsl.Hosting;

/// <summary>
/// CostDsl for a host: one instance serves every thread. Whatever the input, a call ends in a
/// result with diagnostics; only the caller's own cancellation ends it in an
/// <see cref="OperationCanceledException"/>.
/// </summary>
public interface ICostEvaluator
{
    /// <summary>Parses the spec alone, without its imports.</summary>
    Task<ParsedSpec> ParseAsync(SpecSource source, CancellationToken cancellation = default);

    /// <summary>Parses, resolves imports and checks dimensions; nothing is evaluated.</summary>
    Task<SpecResult> CheckAsync(SpecSource source, EvaluationOptions? options = null, CancellationToken cancellation = default);

    /// <summary>
    /// Evaluates a spec. <paramref name="options"/> default to the configured sample count and seed;
    /// the configured limits apply either way.
    /// </summary>
    Task<SpecResult> EvaluateAsync(SpecSource source, EvaluationOptions? options = null, CancellationToken cancellation = default);

    /// <summary>The result as JSON, schema costdsl/1, the same bytes as <c>costdsl eval</c> writes.</summary>
    string ToJson(SpecResult result);
}
