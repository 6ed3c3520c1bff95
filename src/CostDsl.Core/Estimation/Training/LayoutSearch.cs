namespace CostDsl.Estimation.Training;

/// <summary>
/// For a model, a device, a GPU count and a global batch, every layout Megatron-LM could run, estimated in one pass
/// over the pure model (no spec is evaluated per layout) and ranked by step time. Enumerated: tp over the divisors of
/// the GPU count up to one node that divide the heads; pp over the divisors of what is left up to the layers; cp 1
/// (and 2, 4, 8 for sequences of 16k tokens and more); dp the rest; micro-batches of 1, 2, 4 and 8 that divide the
/// per-rank batch; recomputation none, selective and full; interleaving 1, 2 and 4 where the stages divide the layers.
/// Sequence parallelism is on with tp > 1; the ZeRO stage and the software stack (flash: a current one, see
/// <see cref="ParallelLayout.WithSoftware"/>) are the caller's.
/// </summary>
public static class LayoutSearch
{
    /// <summary>One layout that fits, with its estimate at the median efficiencies.</summary>
    public sealed record Candidate(ParallelLayout Layout, TrainingEstimate Estimate);

    /// <summary>What the search looked at: the layouts tried, those that fit, ranked fastest first.</summary>
    public sealed record Result(int Tried, int Invalid, int TooBig, IReadOnlyList<Candidate> Ranked);

    public static IEnumerable<ParallelLayout> Layouts(TransformerShape shape, TrainingDevice device, int gpus, double batch, double sequence, int zero, bool flash)
    {
        var cps = sequence >= 16384 ? new[] { 1, 2, 4, 8 } : [1];
        foreach (var tp in Divisors(gpus).Where(t => t <= device.GpusPerNode && shape.Heads % t == 0))
        {
            foreach (var cp in cps.Where(c => gpus % (tp * c) == 0))
            {
                foreach (var pp in Divisors(gpus / (tp * cp)).Where(p => p <= shape.Layers))
                {
                    var dp = gpus / (tp * cp * pp);
                    foreach (var micro in new[] { 1, 2, 4, 8 }.Where(b => batch % (dp * (double)b) == 0))
                    {
                        foreach (var vp in new[] { 1, 2, 4 }.Where(v => v == 1 || (pp > 1 && shape.Layers % (pp * v) == 0)))
                        {
                            foreach (var recompute in new[] { Recompute.None, Recompute.Selective, Recompute.Full })
                            {
                                yield return new ParallelLayout(tp, pp, dp, micro, recompute, cp, 1, vp, tp > 1, zero).WithSoftware(flash);
                            }
                        }
                    }
                }
            }
        }
    }

    public static Result Rank(TransformerShape shape, TrainingDevice device, int gpus, double batch, double sequence, EfficiencyAssumptions efficiency, int zero = 1, bool flash = true)
    {
        var tried = 0;
        var invalid = 0;
        var tooBig = 0;
        var fitting = new List<Candidate>();
        foreach (var layout in Layouts(shape, device, gpus, batch, sequence, zero, flash))
        {
            tried++;
            var run = new TrainingRun(shape, layout, device, gpus, batch, sequence);
            if (run.LayoutProblem() is not null)
            {
                invalid++;
                continue;
            }

            var estimate = TrainingEstimate.Of(run, efficiency);
            if (!estimate.Fits)
            {
                tooBig++;
                continue;
            }

            fitting.Add(new Candidate(layout, estimate));
        }

        // Ties (same time to the last bit) keep the simpler layout first: less recomputation, fewer stages.
        var ranked = fitting
            .OrderBy(c => c.Estimate.StepSeconds)
            .ThenBy(c => (int)c.Layout.Recompute)
            .ThenBy(c => c.Layout.Pp * c.Layout.Vp)
            .ToList();
        return new Result(tried, invalid, tooBig, ranked);
    }

    private static IEnumerable<int> Divisors(int n) => Enumerable.Range(1, n).Where(d => n % d == 0);
}
