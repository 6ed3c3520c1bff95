using CostDsl.Diagnostics;
using CostDsl.Semantics;

namespace CostDsl.Runtime;

/// <summary>
/// A grid with sweeps over blocks (<c>sweep hw in [L4, A100_80GB, H100_SXM]</c>). Its axes are the block
/// axes first (outermost, in the order written), then the numeric axes (in the order written). A block
/// point (one block for each block axis) is one <see cref="EvaluationSession"/> whose vectors span the
/// numeric grid, or the part of it that this shard holds: a block changes which declarations a value
/// depends on, so it cannot be a vector entry, while numbers can. The sessions' points are joined in grid
/// order into one evaluation and the asserts are judged over it, so the writers, failing points, shards and
/// merges see one grid as for numeric sweeps. Every session draws with the same seed and sampling keys, so
/// every point is computed on the same random numbers.
/// </summary>
internal static class BlockGrid
{
    public static Evaluation Evaluate(CheckedProgram program, DiagnosticBag diagnostics, Sampling sampling, CancellationToken cancellation, ErroneousDeclarations? erroneous)
    {
        var blockSweeps = program.Sweeps.Where(s => s.IsBlocks).ToList();
        var numericPoints = GridSize.Points(program.Sweeps.Where(s => !s.IsBlocks));
        var points = GridSize.Points(program.Sweeps);
        var samples = program.IsUncertain ? sampling.Samples : 1;
        var at = program.Sweeps[0].Decl.Span;
        if (GridSize.TooLarge(points, samples) is { } tooLarge)
        {
            diagnostics.Error(Codes.LimitExceeded, at, tooLarge);
            return new Evaluation([], [], Layout.Single, []);
        }

        var part = sampling.Part;
        if (GridSize.TooFewPoints(part, points) is { } tooFew)
        {
            diagnostics.Error(Codes.TooFewPoints, at, tooFew);
            return new Evaluation([], [], Layout.Single, []);
        }

        var (first, length) = part.Window((int)points);
        var perBlock = (int)numericPoints;
        var runs = new List<(Evaluation Evaluation, EvaluationSession Session)>();
        for (var blockPoint = first / perBlock; blockPoint * perBlock < first + length; blockPoint++)
        {
            var from = Math.Max(first, blockPoint * perBlock) - (blockPoint * perBlock);
            var to = Math.Min(first + length, (blockPoint + 1) * perBlock) - (blockPoint * perBlock);
            var session = new EvaluationSession(program, diagnostics, sampling, cancellation, erroneous, BlocksAt(blockSweeps, blockPoint), from, to - from);
            var evaluation = session.Run();
            if (evaluation.Axes.Count != program.Sweeps.Count - blockSweeps.Count)
            {
                // A numeric sweep's values failed (reported): no point can be evaluated.
                return new Evaluation([], [], Layout.Single, []);
            }

            runs.Add((evaluation, session));
        }

        var layout = new Layout(length, samples);
        var lengths = runs.Select(r => r.Session.Layout.Length).ToList();
        var axes = blockSweeps
            .Select(s => new SweepAxis(s.Path, [.. Enumerable.Range(0, s.Count).Select(i => (double)i)], Units.Dimension.None, null, null) { Blocks = [.. s.Blocks.Select(b => b.Name)] })
            .Concat(runs[0].Evaluation.Axes)
            .ToList();
        var grid = new Evaluation([], [], layout, axes) { Part = part, GridPoints = (int)points };

        var outputs = new List<OutputValue>();
        foreach (var output in program.Outputs)
        {
            var found = runs.Select(r => r.Evaluation.Outputs.FirstOrDefault(o => o.Name == output.Name)).ToList();
            if (found.All(o => o is not null) && Join(found.Select(o => o!.Value).ToList(), lengths, layout) is { } value)
            {
                outputs.Add(found[0]! with { Value = value });
            }
        }

        var asserts = new List<AssertOutcome>();
        foreach (var assert in program.Asserts)
        {
            var truths = runs.Select(r => r.Session.AssertTruths.Where(t => t.Assert == assert).Select(t => (Value?)new Truth(t.Truth)).FirstOrDefault()).ToList();
            if (truths.All(t => t is not null) && Join(truths!, lengths, layout) is Truth truth && EvaluationSession.JudgeAssert(assert, truth.Magnitude, grid, diagnostics) is { } outcome)
            {
                asserts.Add(outcome);
            }
        }

        // The draws are the same in every session; sensitivity needs one point anyway.
        return new Evaluation(outputs, asserts, layout, axes) { UncertainInputs = runs[0].Evaluation.UncertainInputs, Part = part, GridPoints = (int)points };
    }

    /// <summary>The block of each block axis at a block point, the first axis outermost.</summary>
    private static Dictionary<LetSymbol, BlockSymbol> BlocksAt(List<CheckedSweep> sweeps, int blockPoint)
    {
        var blocks = new Dictionary<LetSymbol, BlockSymbol>();
        for (var i = sweeps.Count - 1; i >= 0; i--)
        {
            blocks[sweeps[i].Let!] = sweeps[i].Blocks[blockPoint % sweeps[i].Count];
            blockPoint /= sweeps[i].Count;
        }

        return blocks;
    }

    /// <summary>
    /// One value over the grid from each block point's value over its points: exact when every block point
    /// gives the same exact number, else a vector, point-major. Null for values that are not numbers or truths.
    /// </summary>
    private static Value? Join(IReadOnlyList<Value> parts, IReadOnlyList<int> lengths, Layout layout)
    {
        var magnitudes = parts.Select(p => p switch { Quantity q => q.Magnitude, Truth t => t.Magnitude, _ => null }).ToList();
        if (magnitudes.Any(m => m is null))
        {
            return null;
        }

        Magnitude joined;
        if (magnitudes.All(m => m!.IsExact && m.Value.Equals(magnitudes[0]!.Value)))
        {
            joined = magnitudes[0]!;
        }
        else
        {
            var all = new double[layout.Length];
            var offset = 0;
            foreach (var (magnitude, size) in magnitudes.Zip(lengths))
            {
                // A part is its points x samples; an exact part fills them with its one value.
                if (magnitude!.IsExact)
                {
                    all.AsSpan(offset, size).Fill(magnitude.Value);
                }
                else
                {
                    magnitude.Samples.CopyTo(all.AsSpan(offset, size));
                }

                offset += size;
            }

            joined = Magnitude.Sampled(all);
        }

        return parts[0] switch
        {
            Quantity q => q with { Magnitude = joined },
            _ => new Truth(joined),
        };
    }

}
